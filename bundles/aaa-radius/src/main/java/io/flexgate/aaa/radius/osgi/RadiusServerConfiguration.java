package io.flexgate.aaa.radius.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * IOS {@code radius server NAME} / {@code address ipv4 A auth-port P acct-port Q} / {@code key K} /
 * {@code timeout} / {@code retransmit}, configuration {@code io.flexgate.aaa.radius.server~NAME}.
 */
@ObjectClassDefinition(name = "FlexGate RADIUS server", description = "radius server NAME")
public @interface RadiusServerConfiguration {

    @AttributeDefinition(name = "Name", description = "The name server groups list it by")
    String name();

    @AttributeDefinition(name = "Address", description = "IPv4 or IPv6 literal of the server")
    String address();

    @AttributeDefinition(name = "Authentication port", required = false, min = "1", max = "65535")
    int auth_port() default 1812;

    @AttributeDefinition(name = "Accounting port", required = false, min = "1", max = "65535")
    int acct_port() default 1813;

    /**
     * The shared secret, key {@code .key}: the leading dot keeps it out of the service properties DS
     * publishes (OSGi Compendium 112.6), so {@code service:list} cannot show it.
     */
    @AttributeDefinition(name = "Key", type = AttributeType.PASSWORD, description = "The shared secret (.key)")
    String _key();

    @AttributeDefinition(name = "Timeout (seconds)", required = false, min = "1", max = "60")
    int timeout() default 5;

    @AttributeDefinition(name = "Retransmit", required = false, min = "0", max = "10",
            description = "Transmissions after the first before the next server is tried")
    int retransmit() default 3;

    @AttributeDefinition(name = "Dead time (minutes)", required = false, min = "0", max = "1440",
            description = "How long a server that did not answer is skipped; 0 never skips it")
    int deadtime() default 0;
}
