package io.flexgate.aaa.radius.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * IOS {@code aaa group server radius NAME} / {@code server name S1} / {@code server name S2}, configuration
 * {@code io.flexgate.aaa.radius.group~NAME}. Method lists name it as {@code group NAME}.
 */
@ObjectClassDefinition(name = "FlexGate RADIUS server group", description = "aaa group server radius NAME")
public @interface RadiusGroupConfiguration {

    @AttributeDefinition(name = "Name", description = "Method lists use it as 'group NAME'")
    String name();

    @AttributeDefinition(name = "Servers", description = "Names of radius servers, tried in this order")
    String[] servers();

    @AttributeDefinition(name = "NAS-Identifier", required = false)
    String nas_identifier() default "flexgate";

    @AttributeDefinition(name = "Source address", required = false,
            description = "Local address of the client socket (ip radius source-interface); empty: any")
    String source_address() default "";

    @AttributeDefinition(name = "Outstanding requests", required = false, min = "1", max = "256",
            description = "Most requests in flight on the group's socket (the identifier space is 256)")
    int max_outstanding() default 256;

    @AttributeDefinition(name = "Authorization password", type = AttributeType.PASSWORD, required = false,
            description = "User-Password of authorization-only Access-Requests (IOS default: cisco)")
    String authorization_password() default "cisco";
}
