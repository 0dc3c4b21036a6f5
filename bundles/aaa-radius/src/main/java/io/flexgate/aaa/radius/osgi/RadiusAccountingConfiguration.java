package io.flexgate.aaa.radius.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * IOS {@code aaa accounting network LIST start-stop group NAME} and {@code aaa accounting update periodic
 * N}, configuration {@code io.flexgate.aaa.radius.accounting}.
 */
@ObjectClassDefinition(name = "FlexGate RADIUS accounting", description = "aaa accounting network ... group NAME")
public @interface RadiusAccountingConfiguration {

    @AttributeDefinition(name = "Server group", description = "Name of the aaa group server radius")
    String group();

    @AttributeDefinition(name = "Spool directory", required = false,
            description = "Where records wait for a server; empty: ${karaf.data}/flexgate/radius-accounting")
    String spool_directory() default "";

    @AttributeDefinition(name = "Retry interval (seconds)", required = false, min = "1", max = "3600",
            description = "Pause before trying again when no server took a record")
    int retry_interval() default 30;

    @AttributeDefinition(name = "NAS-Identifier", required = false)
    String nas_identifier() default "flexgate";

    @AttributeDefinition(name = "Periodic update (minutes)", required = false, min = "0", max = "71582",
            description = "Interim-Update interval (aaa accounting update periodic); 0: none")
    int update_periodic() default 0;
}
