package io.flexgate.tun.linux;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the Linux TUN factory finds the clone device and iproute2; configuration {@code io.flexgate.tun} (optional). */
@ObjectClassDefinition(name = "FlexGate Linux TUN", description = "TUN devices through /dev/net/tun and iproute2")
public @interface LinuxTunConfiguration {

    @AttributeDefinition(name = "Clone device", description = "The TUN clone device")
    String device_path() default LinuxTunFactory.DEFAULT_DEVICE_PATH;

    @AttributeDefinition(name = "ip command", description = "iproute2's ip, a name on PATH or an absolute path")
    String ip_command() default LinuxTunFactory.DEFAULT_IP_COMMAND;
}
