package io.flexgate.aaa.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A local user defined in configuration, {@code io.flexgate.aaa.user~NAME} (on disk
 * {@code etc/io.flexgate.aaa.user-NAME.cfg}): the IOS {@code username NAME ...} line, carried as hashes so
 * that {@code etc/} need not hold the password.
 */
@ObjectClassDefinition(name = "FlexGate local user", description = "username NAME secret ...")
public @interface UserConfiguration {

    @AttributeDefinition(name = "User name")
    String name();

    /** {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, as {@code aaa:user-add} stores it. */
    @AttributeDefinition(name = "Password hash", type = AttributeType.PASSWORD, required = false,
            description = "pbkdf2-sha256$ITERATIONS$SALT$HASH (base64)")
    String password_hash() default "";

    /** The NT hash (32 hex digits) for MSCHAPv2: password-equivalent for MSCHAPv2, protect the file. */
    @AttributeDefinition(name = "NT hash", type = AttributeType.PASSWORD, required = false,
            description = "MD4 of the UTF-16LE password, 32 hex digits; needed for EAP-MSCHAPv2")
    String nt_hash() default "";

    /**
     * The password in clear, hashed when the configuration is read: convenient, but {@code etc/} then holds
     * it in clear (logged as a warning). Exclusive with {@link #password_hash()}.
     */
    @AttributeDefinition(name = "Password (clear)", type = AttributeType.PASSWORD, required = false,
            description = "Clear password, hashed on load; prefer password.hash")
    String password() default "";

    /** Keep {@link #password()} reversibly too, for EAP-MD5. */
    @AttributeDefinition(name = "Reversible", required = false,
            description = "Keep the clear password for EAP-MD5 (needs 'password')")
    boolean reversible() default false;
}
