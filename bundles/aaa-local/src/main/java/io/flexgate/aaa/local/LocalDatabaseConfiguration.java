package io.flexgate.aaa.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The local user database, configuration {@code io.flexgate.aaa.local}. */
@ObjectClassDefinition(name = "FlexGate local user database")
public @interface LocalDatabaseConfiguration {

    /** Empty: {@code ${karaf.data}/flexgate/users.db}. */
    @AttributeDefinition(name = "Database file", required = false,
            description = "Path of the user database; empty means ${karaf.data}/flexgate/users.db")
    String users_file() default "";

    @AttributeDefinition(name = "PBKDF2 iterations", required = false,
            description = "Iterations of PBKDF2-HMAC-SHA256 for new passwords (at least 10000)")
    int pbkdf2_iterations() default PasswordHash.DEFAULT_ITERATIONS;
}
