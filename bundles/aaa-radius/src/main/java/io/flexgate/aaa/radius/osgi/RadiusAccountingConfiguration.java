package io.flexgate.aaa.radius.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * RADIUS accounting, configuration {@code io.flexgate.aaa.radius.accounting}: IOS {@code aaa accounting
 * update periodic N} and where records wait. Which sessions are accounted through which server groups comes
 * from the method lists ({@code aaa accounting network LIST start-stop group NAME}, configuration
 * {@code io.flexgate.aaa.list~LIST} with kind accounting) that the IKEv2 profiles name ({@code aaa accounting
 * eap LIST}, profile attribute {@code aaa.accounting.list}).
 */
@ObjectClassDefinition(name = "FlexGate RADIUS accounting", description = "aaa accounting update periodic N; "
        + "the lists come from the profiles' aaa.accounting.list")
public @interface RadiusAccountingConfiguration {

    @AttributeDefinition(name = "Default server group", required = false,
            description = "aaa group server radius for sessions whose profile names no accounting list; empty: "
                    + "those sessions are not accounted")
    String group() default "";

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
