package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.CLIENT_ADDRESS;
import static io.flexgate.esp.TestTunnel.GATEWAY_IN;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.tun.memory.MemoryTunDevice;
import io.flexgate.tun.memory.MemoryTunFactory;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A virtual template's TUN device takes {@code ip mtu} and the address of its {@code ip unnumbered} loopback
 * from the seed's interface configurations (steps 11 and 12), per template.
 */
class TunnelInterfacesTest {

    /** etc/io.flexgate.interface-Loopback100.cfg and -Virtual-Template100.cfg as file install reads them. */
    private static final Map<String, Map<String, Object>> SEED = Map.of(
            "Loopback100", Map.of("name", "Loopback100", "ip.address", "10.0.0.1 255.255.255.255"),
            "Virtual-Template100", Map.of("name", "Virtual-Template100", "ip.unnumbered", "Loopback100",
                    "ip.mtu", "1400", "ip.nat", "inside", "tunnel.protection.ipsec.profile", "AnyConnect-EAP"),
            "Loopback200", Map.of("name", "Loopback200", "ip.address", "10.2.0.1 255.255.255.0"),
            "Virtual-Template200", Map.of("name", "Virtual-Template200", "ip.unnumbered", "loopback200",
                    "ip.mtu", 1300),
            "Virtual-Template300", Map.of("name", "Virtual-Template300", "ip.unnumbered", "Loopback999",
                    "ip.mtu", "99999"));

    private static Optional<Map<String, Object>> seed(String name) {
        return SEED.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst();
    }

    private final TunnelInterfaces interfaces = new TunnelInterfaces(TunnelInterfacesTest::seed);

    @Test
    void theSeedsTemplateTakesItsMtuAndTheLoopbacksAddress() throws Exception {
        assertThat(interfaces.device("Virtual-Template100", 1500))
                .isEqualTo(new TunnelInterfaces.Device(1400, Optional.of(InetAddress.getByName("10.0.0.1"))));
    }

    @Test
    void eachTemplateHasItsOwnMtuAndAddress() throws Exception {
        assertThat(interfaces.device("Virtual-Template200", 1500))
                .isEqualTo(new TunnelInterfaces.Device(1300, Optional.of(InetAddress.getByName("10.2.0.1"))));
    }

    @Test
    void anUnknownLoopbackOrAnMtuOutOfRangeFallsBack() {
        assertThat(interfaces.device("Virtual-Template300", 1500))
                .isEqualTo(new TunnelInterfaces.Device(1500, Optional.empty()));
    }

    @Test
    void anInterfaceWithoutConfigurationGetsTheDefault() {
        assertThat(interfaces.device("Virtual-Template7", 1450))
                .isEqualTo(new TunnelInterfaces.Device(1450, Optional.empty()));
    }

    @Test
    void aNumberedTemplateKeepsItsOwnAddressAndAMalformedOneIsIgnored() throws Exception {
        TunnelInterfaces numbered = new TunnelInterfaces(name -> Optional.of(Map.of("name", name,
                "ip.address", name.endsWith("1") ? "10.9.0.1 255.255.255.255" : "10.9.0.300 255.255.255.255")));
        assertThat(numbered.device("Virtual-Template1", 1400).address())
                .contains(InetAddress.getByName("10.9.0.1"));
        assertThat(numbered.device("Virtual-Template2", 1400).address()).isEmpty();
    }

    @Test
    void configAdminIsSearchedByInterfaceNameIgnoringCase() throws Exception {
        ConfigurationAdmin admin = configAdmin(SEED.values().stream().map(TunnelInterfacesTest::configuration)
                .toList());
        ConfigAdminInterfaces lookup = new ConfigAdminInterfaces(admin);

        assertThat(lookup.apply("loopback100")).get().extracting(m -> m.get("ip.address"))
                .isEqualTo("10.0.0.1 255.255.255.255");
        assertThat(lookup.apply("Virtual-Template9")).isEmpty();
    }

    @Test
    void theDataPlaneOpensEachTemplatesDeviceWithItsOwnSettings() throws Exception {
        TestTunnel.FakeClock clock = new TestTunnel.FakeClock();
        UserspaceEspDataPlane plane = new UserspaceEspDataPlane(EspSettings.DEFAULTS, clock, new SecureRandom(), false);
        MemoryTunFactory tun = new MemoryTunFactory();
        plane.interfaces(interfaces);
        plane.bindTunFactory(tun);
        try {
            ChildSaSpec first = TestTunnel.gatewaySpec(TestTunnel.suites().get(2), false,
                    ChildSaSpec.Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE);
            plane.install(first, new TestTunnel.Events());
            plane.install(onTemplate(first, "Virtual-Template200", GATEWAY_IN + 1, "192.168.20.5/32"),
                    new TestTunnel.Events());

            MemoryTunDevice vt100 = tun.device("fg-vt100").orElseThrow();
            MemoryTunDevice vt200 = tun.device("fg-vt200").orElseThrow();
            assertThat(vt100.mtu()).isEqualTo(1400);
            assertThat(vt100.localAddress()).contains(InetAddress.getByName("10.0.0.1"));
            assertThat(vt100.routes()).contains(IpPrefix.parse(CLIENT_ADDRESS + "/32"));
            assertThat(vt200.mtu()).isEqualTo(1300);
            assertThat(vt200.localAddress()).contains(InetAddress.getByName("10.2.0.1"));
            assertThat(vt200.routes()).containsExactly(IpPrefix.parse("192.168.20.5/32"));
        } finally {
            plane.deactivate();
        }
    }

    private static ChildSaSpec onTemplate(ChildSaSpec s, String template, int inboundSpi, String client) {
        return new ChildSaSpec(s.sessionId() + 1, template, "Virtual-Access2", inboundSpi, s.outboundSpi() + 1,
                s.encryptionId(), s.keyBits(), s.integrityId(), s.esn(), s.inboundEncryptionKey(),
                s.inboundIntegrityKey(), s.outboundEncryptionKey(), s.outboundIntegrityKey(), s.local(), s.remote(),
                true, s.localSelectors(), List.of(IpPrefix.parse(client)), s.lifetime(), s.replayWindow());
    }

    private static Configuration configuration(Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperties")) {
                        return dictionary;
                    }
                    throw new UnsupportedOperationException("the lookup only reads properties: " + method.getName());
                });
    }

    /** Answers listConfigurations for the interface factory PID only, as the lookup asks. */
    private static ConfigurationAdmin configAdmin(List<Configuration> configurations) {
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listConfigurations")
                            && ConfigAdminInterfaces.FILTER.equals(args[0])) {
                        return configurations.toArray(new Configuration[0]);
                    }
                    throw new UnsupportedOperationException("unexpected call " + method.getName());
                });
    }
}
