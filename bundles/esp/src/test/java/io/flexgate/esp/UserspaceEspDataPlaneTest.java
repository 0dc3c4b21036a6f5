package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.CLIENT_ADDRESS;
import static io.flexgate.esp.TestTunnel.CLIENT_IN;
import static io.flexgate.esp.TestTunnel.CLIENT_V6;
import static io.flexgate.esp.TestTunnel.GATEWAY_IN;
import static io.flexgate.esp.TestTunnel.SERVER_ADDRESS;
import static io.flexgate.esp.TestTunnel.SERVER_V6;
import static io.flexgate.esp.TestTunnel.nothingWritten;
import static io.flexgate.esp.TestTunnel.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.esp.TestTunnel.Suite;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Traffic through two data planes with mirrored SAs: every algorithm, both directions, and what gets dropped. */
class UserspaceEspDataPlaneTest {

    static Stream<Arguments> suitesWithAndWithoutEsn() {
        return TestTunnel.suites().stream().flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    static Stream<Suite> suites() {
        return TestTunnel.suites().stream();
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suitesWithAndWithoutEsn")
    void packetsOfEverySizeCrossInBothDirections(Suite suite, boolean esn) throws Exception {
        try (TestTunnel t = new TestTunnel().install(suite, esn)) {
            List<byte[]> sent = new ArrayList<>();
            // 18 consecutive sizes cover every pad length of a 16-octet block; then the tunnel MTU.
            for (int size = 28; size < 46; size++) {
                sent.add(InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, size));
            }
            sent.add(InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 1400));
            long bytes = 0;
            for (byte[] inner : sent) {
                assertThat(t.gatewayDevice().inject(inner)).isTrue();
                assertThat(written(t.clientDevice())).as("gateway -> client").isEqualTo(inner);
                byte[] reply = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, inner.length);
                assertThat(t.clientDevice().inject(reply)).isTrue();
                assertThat(written(t.gatewayDevice())).as("client -> gateway").isEqualTo(reply);
                bytes += inner.length;
            }
            assertThat(t.gateway.counters(GATEWAY_IN)).contains(
                    new ChildSaCounters(sent.size(), sent.size(), bytes, bytes, 0, 0, 0, 0));
        }
    }

    @Test
    void ipv6InnerPacketsUseNextHeader41() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(2), false)) {
            byte[] inner = InnerPackets.ipv6(SERVER_V6, CLIENT_V6, 200);
            assertThat(t.gatewayDevice().inject(inner)).isTrue();
            assertThat(written(t.clientDevice())).isEqualTo(inner);
            byte[] reply = InnerPackets.ipv6(CLIENT_V6, SERVER_V6, 1280);
            assertThat(t.clientDevice().inject(reply)).isTrue();
            assertThat(written(t.gatewayDevice())).isEqualTo(reply);
            assertThat(t.gatewayDevice().routes()).contains(IpPrefix.parse(CLIENT_V6 + "/128"),
                    IpPrefix.parse(CLIENT_ADDRESS + "/32"));
        }
    }

    @Test
    void espInADirectBufferIsAccepted() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(7), true)) {
            t.forwardToGateway = false;
            byte[] inner = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 100);
            byte[] esp = t.clientSends(inner);
            ByteBuffer direct = ByteBuffer.allocateDirect(esp.length + 10);
            direct.position(10);
            direct.put(esp).position(10);
            t.gateway.receiveEncapsulated(direct, TestTunnel.CLIENT_OUTER, TestTunnel.GATEWAY_OUTER);
            assertThat(written(t.gatewayDevice())).isEqualTo(inner);
        }
    }

    @Test
    void packetsOfABatchAreHeldUntilTheBatchEndsAndThenWrittenInOrder() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(0), false)) {
            t.forwardToGateway = false;
            List<byte[]> inners = new ArrayList<>();
            List<byte[]> esps = new ArrayList<>();
            // More than one batch holds (64 packets), so a full batch is written before the end too.
            for (int i = 0; i < 70; i++) {
                byte[] inner = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 100 + i);
                inners.add(inner);
                esps.add(t.clientSends(inner));
            }
            for (int i = 0; i < 3; i++) {
                t.gateway.receiveEncapsulatedInBatch(ByteBuffer.wrap(esps.get(i)), TestTunnel.CLIENT_OUTER,
                        TestTunnel.GATEWAY_OUTER);
            }
            assertThat(nothingWritten(t.gatewayDevice())).as("held until the batch ends").isTrue();
            t.gateway.receiveBatchComplete();
            for (int i = 0; i < 3; i++) {
                assertThat(written(t.gatewayDevice())).isEqualTo(inners.get(i));
            }
            for (int i = 3; i < 70; i++) {
                t.gateway.receiveEncapsulatedInBatch(ByteBuffer.wrap(esps.get(i)), TestTunnel.CLIENT_OUTER,
                        TestTunnel.GATEWAY_OUTER);
            }
            t.gateway.receiveBatchComplete();
            for (int i = 3; i < 70; i++) {
                assertThat(written(t.gatewayDevice())).isEqualTo(inners.get(i));
            }
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().packetsDecrypted()).isEqualTo(70);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aFlippedBitAnywhereIsDroppedAndCounted(Suite suite) throws Exception {
        try (TestTunnel t = new TestTunnel().install(suite, false)) {
            t.forwardToGateway = false;
            byte[] good = t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 61));
            for (int bit = 0; bit < good.length * 8; bit++) {
                byte[] bad = good.clone();
                bad[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                t.toGateway(bad);
            }
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            ChildSaCounters c = t.gateway.counters(GATEWAY_IN).orElseThrow();
            // SPI bits: no SA. Sequence number 1 with its last bit flipped is 0, never valid: replay.
            // Every other bit: the ICV fails.
            assertThat(t.gateway.processor().inboundNoSa()).isEqualTo(32);
            assertThat(c.dropsReplay()).isEqualTo(1);
            assertThat(c.dropsIntegrity()).isEqualTo(good.length * 8 - 33);
            assertThat(c.packetsDecrypted()).isZero();
            // Forgeries did not move the window: the genuine packet still gets through.
            t.toGateway(good);
            assertThat(written(t.gatewayDevice())).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void truncatedPacketsAreMalformed(Suite suite) throws Exception {
        try (TestTunnel t = new TestTunnel().install(suite, false)) {
            t.forwardToGateway = false;
            byte[] good = t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 100));
            EspAlgorithm alg = EspAlgorithm.of(suite.encryptionId(), suite.keyBits(), suite.integrityId());
            int iv = alg.aead() ? 8 : 16;
            int minimum = EspPacket.HEADER_LENGTH + iv + (alg.aead() ? 2 : 16) + alg.icvLength();
            int tooShort = 0;
            for (int len = EspPacket.HEADER_LENGTH; len < minimum; len++) {
                t.toGateway(java.util.Arrays.copyOf(good, len));
                tooShort++;
            }
            for (int len = 0; len < EspPacket.HEADER_LENGTH; len++) {
                t.toGateway(java.util.Arrays.copyOf(good, len));
            }
            ChildSaCounters c = t.gateway.counters(GATEWAY_IN).orElseThrow();
            assertThat(c.dropsMalformed()).isEqualTo(tooShort);
            assertThat(t.gateway.processor().inboundMalformed()).isEqualTo(EspPacket.HEADER_LENGTH);
            if (!alg.aead()) {
                // CBC: a ciphertext that is not a whole number of blocks cannot be decrypted.
                t.toGateway(java.util.Arrays.copyOf(good, good.length - 1));
                assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().dropsMalformed()).isEqualTo(tooShort + 1);
            } else {
                // AEAD: any length from the minimum on is a ciphertext; a cut one fails its tag.
                t.toGateway(java.util.Arrays.copyOf(good, good.length - 1));
                assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().dropsIntegrity()).isEqualTo(1);
            }
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
        }
    }

    @Test
    void unknownSpiIsDropped() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(3), false)) {
            t.forwardToGateway = false;
            byte[] esp = t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 64));
            Octets.putInt(esp, 0, 0x12345678);
            t.toGateway(esp);
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            assertThat(t.gateway.processor().inboundNoSa()).isEqualTo(1);
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow()).isEqualTo(ChildSaCounters.ZERO);
        }
    }

    @Test
    void replayedAndTooOldPacketsAreDroppedInWindowReorderingIsNot() throws Exception {
        var spec = TestTunnel.gatewaySpec(TestTunnel.suites().get(2), false,
                io.flexgate.api.dataplane.ChildSaSpec.Lifetime.IOS_DEFAULT, 32);
        try (TestTunnel t = new TestTunnel().install(spec)) {
            t.forwardToGateway = false;
            List<byte[]> esp = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                esp.add(t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 40 + i)));
            }
            t.toGateway(esp.get(39));
            t.toGateway(esp.get(39));
            t.toGateway(esp.get(4));
            t.toGateway(esp.get(20));
            t.toGateway(esp.get(10));
            t.toGateway(esp.get(20));
            ChildSaCounters c = t.gateway.counters(GATEWAY_IN).orElseThrow();
            // Accepted: 40, then 21 and 11 (inside the 32-packet window, out of order).
            assertThat(c.packetsDecrypted()).isEqualTo(3);
            // Dropped: 40 again, 5 (left of the window), 21 again.
            assertThat(c.dropsReplay()).isEqualTo(3);
            assertThat(written(t.gatewayDevice())).hasSize(80);
            assertThat(written(t.gatewayDevice())).hasSize(61);
            assertThat(written(t.gatewayDevice())).hasSize(51);
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
        }
    }

    @Test
    void innerAddressesOutsideTheTrafficSelectorsAreDropped() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(2), false)) {
            // The client spoofs another pool address (RFC 4301 section 5.2: inbound selector check).
            t.clientSends(InnerPackets.ipv4("192.168.10.6", SERVER_ADDRESS, 64));
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().dropsMalformed()).isEqualTo(1);
            // A destination outside our traffic selectors (10.0.0.0/8) is refused as well.
            byte[] outside = InnerPackets.ipv4(CLIENT_ADDRESS, "172.16.0.1", 64);
            byte[] esp = new byte[256];
            int n = t.client.pair(CLIENT_IN).outbound().seal(EspKnownAnswerTest.roomy(outside), 0, outside.length,
                    EspPacket.NEXT_HEADER_IPV4, esp, 0);
            t.toGateway(java.util.Arrays.copyOf(esp, n));
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().dropsMalformed()).isEqualTo(2);
        }
    }

    @Test
    void dummyPacketsAreDiscardedSilently() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(2), false)) {
            // RFC 4303 section 2.6: next header 59 marks a dummy packet.
            byte[] esp = new byte[256];
            byte[] filler = new byte[40 + OutboundSa.TRAILER_ROOM];
            int n = t.client.pair(CLIENT_IN).outbound().seal(filler, 0, 40, EspPacket.NEXT_HEADER_NONE, esp, 0);
            t.toGateway(java.util.Arrays.copyOf(esp, n));
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            assertThat(t.gateway.counters(GATEWAY_IN)).contains(ChildSaCounters.ZERO);
        }
    }

    @Test
    void removeWipesKeysAndStopsTraffic() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(7), false)) {
            t.forwardToGateway = false;
            byte[] esp = t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 64));
            EspSaPair pair = t.gateway.pair(GATEWAY_IN);

            t.gateway.remove(GATEWAY_IN);
            t.gateway.remove(GATEWAY_IN);

            assertThat(pair.inbound().keysWiped()).isTrue();
            assertThat(pair.outbound().keysWiped()).isTrue();
            assertThat(t.gateway.counters(GATEWAY_IN)).isEmpty();
            assertThat(t.gatewayDevice().routes()).isEmpty();
            t.toGateway(esp);
            assertThat(nothingWritten(t.gatewayDevice())).isTrue();
            assertThat(t.gateway.processor().inboundNoSa()).isEqualTo(1);
            assertThat(t.gatewayDevice().inject(InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 64))).isTrue();
            TestTunnel.await(() -> t.gateway.processor().outboundNoSa() == 1);
            assertThat(t.fromGateway).isEmpty();
        }
    }

    @Test
    void aRekeyedPairTakesOverTheClientsRouteAndTheOldOneLeavesItInPlace() throws Exception {
        Suite suite = TestTunnel.suites().get(2);
        try (TestTunnel t = new TestTunnel().install(suite, false)) {
            var old = TestTunnel.gatewaySpec(suite, false, io.flexgate.api.dataplane.ChildSaSpec.Lifetime.IOS_DEFAULT,
                    ReplayWindow.DEFAULT_SIZE);
            var rekeyed = new io.flexgate.api.dataplane.ChildSaSpec(old.sessionId(), old.tunnelInterface(),
                    old.virtualAccess(), 0xc0000002, 0xc1000002, old.encryptionId(), old.keyBits(), old.integrityId(),
                    false, old.inboundEncryptionKey(), old.inboundIntegrityKey(), old.outboundEncryptionKey(),
                    old.outboundIntegrityKey(), old.local(), old.remote(), true, old.localSelectors(),
                    old.remoteSelectors(), old.lifetime(), old.replayWindow());
            t.gateway.install(rekeyed, t.gatewayEvents);
            t.forwardToClient = false;

            assertThat(t.gatewayDevice().inject(InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 64))).isTrue();
            byte[] esp = t.fromGateway.poll(TestTunnel.WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(esp).isNotNull();
            assertThat(Octets.getInt(esp, 0)).isEqualTo(0xc1000002);

            t.gateway.remove(GATEWAY_IN);
            assertThat(t.gatewayDevice().routes()).contains(IpPrefix.parse(CLIENT_ADDRESS + "/32"));
            t.gateway.remove(0xc0000002);
            assertThat(t.gatewayDevice().routes()).isEmpty();
        }
    }

    @Test
    void whenTheTunFactoryGoesAndComesDevicesAndRoutesAreRecreated() throws Exception {
        try (TestTunnel t = new TestTunnel().install(TestTunnel.suites().get(2), false)) {
            t.forwardToGateway = false;
            var oldDevice = t.gatewayDevice();
            t.gateway.unbindTunFactory(t.gatewayTun);
            assertThat(oldDevice.isClosed()).isTrue();

            t.toGateway(t.clientSends(InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 64)));
            assertThat(t.gateway.processor().inboundUndeliverable()).isEqualTo(1);

            var otherTun = new io.flexgate.tun.memory.MemoryTunFactory();
            t.gateway.bindTunFactory(otherTun);
            var device = otherTun.device(TestTunnel.GATEWAY_DEVICE).orElseThrow();
            assertThat(device.routes()).containsExactlyInAnyOrder(IpPrefix.parse(CLIENT_ADDRESS + "/32"),
                    IpPrefix.parse(CLIENT_V6 + "/128"));
            byte[] inner = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 90);
            t.toGateway(t.clientSends(inner));
            assertThat(written(device)).isEqualTo(inner);
        }
    }
}
