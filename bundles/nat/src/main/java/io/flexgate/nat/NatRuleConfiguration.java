package io.flexgate.nat;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One NAT overload rule, configuration {@code io.flexgate.nat~NAME} (on disk {@code etc/io.flexgate.nat-NAME.cfg}).
 * IOS: {@code ip nat inside source list ACL interface IF overload}.
 */
@ObjectClassDefinition(name = "FlexGate NAT overload",
        description = "ip nat inside source list ACL interface IF overload")
public @interface NatRuleConfiguration {

    @AttributeDefinition(name = "Name", required = false,
            description = "The rule's name; empty takes NAME from the configuration io.flexgate.nat~NAME")
    String nat_name() default "";

    @AttributeDefinition(name = "Sources", description = "Inside sources as prefixes: 192.168.10.0/24, or"
            + " IOS style '192.168.10.0 0.0.0.255'. ACL names are not resolved yet")
    String[] sources();

    @AttributeDefinition(name = "Outside interface", description = "The Linux interface whose address the"
            + " sources leave with, e.g. eth0")
    String outside_interface();
}
