package io.flexgate.ikev2.osgi;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code interface LoopbackN} and {@code interface Virtual-TemplateN type tunnel} from
 * {@code io.flexgate.interface~NAME}: addresses, MTU and tunnel protection that sessions' virtual-access
 * interfaces are derived from.
 */
@Component(configurationPid = "io.flexgate.interface", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = InterfaceComponent.class)
@Designate(ocd = InterfaceComponent.Config.class, factory = true)
public final class InterfaceComponent implements ConfigProvider<InterfaceComponent.Definition> {

    @ObjectClassDefinition(name = "FlexGate interface", description = "interface LoopbackN / Virtual-TemplateN")
    public @interface Config {
        @AttributeDefinition(description = "Loopback100, Virtual-Template100, GigabitEthernet1")
        String name();

        @AttributeDefinition(description = "ip address A.B.C.D MASK (loopbacks)")
        String ip_address() default "";

        @AttributeDefinition(description = "ip unnumbered INTERFACE (virtual templates)")
        String ip_unnumbered() default "";

        @AttributeDefinition(description = "ip mtu")
        int ip_mtu() default 1400;

        @AttributeDefinition(description = "ip nat inside | outside")
        String ip_nat() default "";

        @AttributeDefinition(description = "tunnel protection ipsec profile NAME")
        String tunnel_protection_ipsec_profile() default "";

        @AttributeDefinition(description = "The Linux interface this IOS name stands for (ip nat outside)")
        String linux_name() default "";
    }

    /** The interface as configured. */
    public record Definition(String name, Optional<InetAddress> address, int prefixLength, String unnumbered, int mtu,
            String nat, String ipsecProfile, String linuxName) {
    }

    private final Definition definition;

    @Activate
    public InterfaceComponent(Config config) {
        String name = config.name().trim();
        if (!name.matches("(?i)(Loopback|Virtual-Template|GigabitEthernet|TenGigabitEthernet|Ethernet)[0-9/.]+")) {
            throw new IllegalArgumentException("interface " + name + ": unsupported interface name");
        }
        if (config.ip_mtu() < 576 || config.ip_mtu() > 9216) {
            throw new IllegalArgumentException("interface " + name + ": ip mtu " + config.ip_mtu() + " out of range");
        }
        Optional<InetAddress> address = Optional.empty();
        int length = 0;
        if (!config.ip_address().isBlank()) {
            String[] w = config.ip_address().trim().split("\\s+");
            if (w.length != 2) {
                throw new IllegalArgumentException("interface " + name + ": ip address '" + config.ip_address()
                        + "' (expected ADDRESS NETMASK)");
            }
            // The host part matters here, so the address is not normalised as a prefix.
            address = Optional.of(IpPrefix.host(IpPrefix.parse(w[0]).network()).network());
            length = java.math.BigInteger.valueOf(Integer.toUnsignedLong(
                    java.nio.ByteBuffer.wrap(IpPrefix.parse(w[1]).network().getAddress()).getInt())).bitCount();
            if (!IpPrefix.parse(w[1] + "/" + 32).network().equals(new IpPrefix(address.get(), length).netmask())) {
                throw new IllegalArgumentException("interface " + name + ": netmask " + w[1] + " is not contiguous");
            }
        }
        this.definition = new Definition(name, address, length, config.ip_unnumbered().trim(), config.ip_mtu(),
                config.ip_nat().trim(), config.tunnel_protection_ipsec_profile().trim(), config.linux_name().trim());
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public Definition value() {
        return definition;
    }
}
