package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.CLIENT_ADDRESS;
import static io.flexgate.esp.TestTunnel.CLIENT_IN;
import static io.flexgate.esp.TestTunnel.GATEWAY_IN;
import static io.flexgate.esp.TestTunnel.SERVER_ADDRESS;
import static io.flexgate.esp.TestTunnel.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.ChildSaSpec.Lifetime;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.esp.TestTunnel.Suite;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifetimes (RFC 4301 section 4.4.2.1), sequence number exhaustion (RFC 4303 section 3.3.3), install errors. */
class DataPlaneLifecycleTest {

    private static final Suite GCM = TestTunnel.suites().get(2);

    @Test
    void timeLifetimesRaiseSoftThenHardAndHardRemovesThePair() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.gatewaySpec(GCM, false, new Lifetime(10, 20, 0, 0),
                ReplayWindow.DEFAULT_SIZE))) {
            EspSaPair pair = t.gateway.pair(GATEWAY_IN);
            t.clock.advance(Duration.ofSeconds(9));
            t.gateway.checkLifetimes();
            assertThat(t.gatewayEvents.seen).isEmpty();

            t.clock.advance(Duration.ofSeconds(1));
            t.gateway.checkLifetimes();
            t.gateway.checkLifetimes();
            assertThat(t.gatewayEvents.seen).containsExactly("soft c0000001");
            // Still installed and working after the soft limit.
            byte[] inner = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 64);
            t.clientSends(inner);
            assertThat(written(t.gatewayDevice())).isEqualTo(inner);

            t.clock.advance(Duration.ofSeconds(10));
            t.gateway.checkLifetimes();
            assertThat(t.gatewayEvents.seen).containsExactly("soft c0000001", "hard c0000001");
            assertThat(t.gateway.counters(GATEWAY_IN)).isEmpty();
            assertThat(t.gatewayDevice().routes()).isEmpty();
            assertThat(pair.inbound().keysWiped()).isTrue();
            t.gateway.checkLifetimes();
            assertThat(t.gatewayEvents.seen).hasSize(2);
        }
    }

    @Test
    void theLifetimeTimerReportsWithoutBeingAsked() throws Exception {
        TestTunnel.FakeClock clock = new TestTunnel.FakeClock();
        UserspaceEspDataPlane plane = new UserspaceEspDataPlane(EspSettings.DEFAULTS, clock, new SecureRandom(), true);
        try {
            plane.bindTunFactory(new io.flexgate.tun.memory.MemoryTunFactory());
            TestTunnel.Events events = new TestTunnel.Events();
            plane.install(TestTunnel.gatewaySpec(GCM, false, new Lifetime(5, 3600, 0, 0), ReplayWindow.DEFAULT_SIZE),
                    events);
            clock.advance(Duration.ofSeconds(6));
            // The timer runs every lifetime.check.seconds (1 s): a bounded wait for its report.
            assertThat(events.next()).isEqualTo("soft c0000001");
        } finally {
            plane.deactivate();
        }
    }

    @Test
    void kilobyteLifetimesCountInnerOctets() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.gatewaySpec(GCM, false, new Lifetime(0, 0, 1, 2),
                ReplayWindow.DEFAULT_SIZE))) {
            t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 1000));
            assertThat(t.gatewayEvents.seen).isEmpty();
            t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 100));
            // 1100 octets >= 1 KB: soft, reported on the packet path itself.
            assertThat(t.gatewayEvents.seen).containsExactly("soft c0000001");
            t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 1000));
            // 2100 octets >= 2 KB: hard.
            assertThat(t.gatewayEvents.seen).containsExactly("soft c0000001", "hard c0000001");
            assertThat(t.gateway.counters(GATEWAY_IN)).isEmpty();
        }
    }

    @Test
    void theSequenceNumberNeverWrapsAndItsEndAsksForARekey() throws Exception {
        try (TestTunnel t = new TestTunnel()) {
            ChildSaSpec spec = TestTunnel.gatewaySpec(GCM, false, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE);
            t.gateway.install(spec, t.gatewayEvents, 0xFFFF_FFFEL);
            t.client.install(TestTunnel.mirror(spec), t.clientEvents);

            byte[] last = InnerPackets.ipv4(TestTunnel.SERVER_ADDRESS, CLIENT_ADDRESS, 64);
            assertThat(t.gatewayDevice().inject(last)).isTrue();
            assertThat(written(t.clientDevice())).isEqualTo(last);
            assertThat(t.gatewayEvents.next()).isEqualTo("soft c0000001");

            assertThat(t.gatewayDevice().inject(last)).isTrue();
            TestTunnel.await(() -> t.gateway.counters(GATEWAY_IN).orElseThrow().dropsOutbound() == 1);
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().packetsEncrypted()).isEqualTo(1);
            assertThat(t.fromGateway).hasSize(1);
            assertThat(t.client.pair(CLIENT_IN).inbound().highestSequence()).isEqualTo(0xFFFF_FFFFL);
        }
    }

    @Test
    void unsupportedAlgorithmsAndBadKeysAreRefusedAndNothingIsInstalled() throws Exception {
        try (TestTunnel t = new TestTunnel()) {
            ChildSaSpec good = TestTunnel.gatewaySpec(GCM, false, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE);
            assertThatThrownBy(() -> t.gateway.install(with(good, 3, 192, 2, good.outboundEncryptionKey()),
                    t.gatewayEvents)).isInstanceOf(DataPlaneException.class).hasMessageContaining("transform 3");
            assertThatThrownBy(() -> t.gateway.install(with(good, 20, 128, 12, good.outboundEncryptionKey()),
                    t.gatewayEvents)).isInstanceOf(DataPlaneException.class).hasMessageContaining("no integrity");
            assertThatThrownBy(() -> t.gateway.install(with(good, 20, 128, 0, Secret.copyOf(new byte[16])),
                    t.gatewayEvents)).isInstanceOf(DataPlaneException.class).hasMessageContaining("20 octets");
            assertThat(t.gateway.counters(GATEWAY_IN)).isEmpty();
            assertThat(t.gatewayTun.device(TestTunnel.GATEWAY_DEVICE)).isEmpty();
        }
    }

    private static ChildSaSpec with(ChildSaSpec s, int encr, int keyBits, int integ, Secret outboundKey) {
        return new ChildSaSpec(s.sessionId(), s.tunnelInterface(), s.virtualAccess(), s.inboundSpi(),
                s.outboundSpi(), encr, keyBits, integ, s.esn(), s.inboundEncryptionKey(), s.inboundIntegrityKey(),
                outboundKey, s.outboundIntegrityKey(), s.local(), s.remote(), s.udpEncapsulation(),
                s.localSelectors(), s.remoteSelectors(), s.lifetime(), s.replayWindow());
    }

    @Test
    void aDuplicateSpiIsRefusedAndTheFirstPairKeepsWorking() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            ChildSaSpec again = TestTunnel.gatewaySpec(GCM, false, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE);
            assertThatThrownBy(() -> t.gateway.install(again, t.gatewayEvents))
                    .isInstanceOf(DataPlaneException.class).hasMessageContaining("c0000001");
            byte[] inner = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 64);
            t.clientSends(inner);
            assertThat(written(t.gatewayDevice())).isEqualTo(inner);
        }
    }

    @Test
    void withoutATunFactoryOrUdpEncapsulationInstallFailsClearly() throws Exception {
        UserspaceEspDataPlane plane = new UserspaceEspDataPlane(EspSettings.DEFAULTS, new TestTunnel.FakeClock(),
                new SecureRandom(), false);
        try {
            ChildSaSpec spec = TestTunnel.gatewaySpec(GCM, false, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE);
            assertThatThrownBy(() -> plane.install(spec, new TestTunnel.Events()))
                    .isInstanceOf(DataPlaneException.class).hasMessageContaining("no TunFactory");
            ChildSaSpec plain = new ChildSaSpec(1, "Virtual-Template100", "Virtual-Access1", 1, 2, 20, 128, 0, false,
                    spec.inboundEncryptionKey(), spec.inboundIntegrityKey(), spec.outboundEncryptionKey(),
                    spec.outboundIntegrityKey(), spec.local(), spec.remote(), false, List.of(),
                    spec.remoteSelectors(), Lifetime.IOS_DEFAULT, 64);
            assertThatThrownBy(() -> plane.install(plain, new TestTunnel.Events()))
                    .isInstanceOf(DataPlaneException.class).hasMessageContaining("RFC 3948");
            assertThat(plane.counters(GATEWAY_IN)).isEmpty();
        } finally {
            plane.deactivate();
        }
    }

    @Test
    void deviceNamesFollowTheVirtualTemplate() {
        assertThat(EspSettings.DEFAULTS.deviceName("Virtual-Template100")).isEqualTo("fg-vt100");
        assertThat(EspSettings.DEFAULTS.deviceName("virtual-template7")).isEqualTo("fg-vt7");
        assertThat(EspSettings.DEFAULTS.deviceName("Tunnel-Interface.Office/2")).isEqualTo("fg-tunnelinterf");
        assertThatThrownBy(() -> EspSettings.DEFAULTS.deviceName("--")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EspSettings(500, "fg-", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EspSettings(1400, "Bad Prefix", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
