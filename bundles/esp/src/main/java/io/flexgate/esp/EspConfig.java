package io.flexgate.esp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the userspace ESP data plane, PID {@value UserspaceEspDataPlane#PID}. */
@ObjectClassDefinition(name = "FlexGate userspace ESP data plane",
        description = "ESP in UDP (RFC 3948) on the IKE socket; inner packets through one TUN device per "
                + "virtual template")
public @interface EspConfig {

    @AttributeDefinition(name = "Tunnel MTU",
            description = "MTU of the TUN devices opened from now on whose interface configuration"
                    + " (io.flexgate.interface~NAME) sets no 'ip mtu', in octets", min = "576",
            max = "65535")
    int mtu() default EspSettings.DEFAULT_MTU;

    @AttributeDefinition(name = "TUN factory filter",
            description = "LDAP filter choosing the TunFactory service, e.g. (tun.kind=linux) or (tun.kind=memory)")
    String tunFactory_target() default EspSettings.DEFAULT_TUN_FILTER;

    @AttributeDefinition(name = "Device name prefix",
            description = "Prefix of TUN device names; Virtual-Template100 becomes <prefix>vt100")
    String device_prefix() default EspSettings.DEFAULT_DEVICE_PREFIX;

    @AttributeDefinition(name = "Lifetime check interval",
            description = "Seconds between checks of the SA time lifetimes", min = "1", max = "60")
    int lifetime_check_seconds() default EspSettings.DEFAULT_LIFETIME_CHECK_SECONDS;
}
