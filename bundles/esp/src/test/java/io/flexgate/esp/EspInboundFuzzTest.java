package io.flexgate.esp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.esp.TestTunnel.Suite;
import io.flexgate.tun.memory.MemoryTunDevice;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the ESP input path (issue 13): {@link UserspaceEspDataPlane#receiveEncapsulated}
 * with a real installed CHILD_SA, as the engine hands it every ESP-in-UDP datagram. A plain {@code mvn test}
 * replays the kept corpus (src/test/resources/io/flexgate/esp/EspInboundFuzzTestInputs/); {@code JAZZER_FUZZ=1}
 * mutates it (docs/security.md). The contract (RFC 4303 section 3.4): every packet is either dropped and
 * counted exactly once (no SA, malformed, replay, integrity), or discarded as a dummy, or authenticated and
 * delivered as one inner IP packet within the SA's traffic selectors; no exception escapes, and a forgery
 * never reaches the TUN device.
 *
 * <p>Each target keeps one installed SA pair per suite for the whole run (as a live SA sees packet after
 * packet), so the anti-replay window carries over from one input to the next.
 */
class EspInboundFuzzTest {

    /** AEAD (GCM-16), ChaCha20-Poly1305 and CBC + HMAC: the three transform code paths. */
    private static final List<Suite> SUITES = List.of(TestTunnel.suites().get(3), TestTunnel.suites().get(4),
            TestTunnel.suites().get(7));
    /** One tunnel per suite without ESN and one with ESN. */
    private static final TestTunnel[] TUNNELS = tunnels();
    /** The client's sealing transforms, for the authentic target: mirrored keys of each tunnel's gateway SA. */
    private static final EspTransform[] SEALERS = sealers();
    private static final int SEQUENCE_OCTETS = 8;
    /**
     * IVs of the sealing side: never repeated under one key (the fuzzer repeats sequence numbers, and the AEAD
     * ciphers refuse a reused nonce), and carried in the packet, so the receiver needs nothing else.
     */
    private static final java.util.concurrent.atomic.AtomicLong IV_COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private static void freshIv(long seq, byte[] out, int off, int length) {
        Octets.putLong(out, off + length - Long.BYTES, IV_COUNTER.incrementAndGet());
    }

    private static TestTunnel[] tunnels() {
        TestTunnel[] t = new TestTunnel[SUITES.size() * 2];
        try {
            for (int i = 0; i < t.length; i++) {
                t[i] = new TestTunnel().install(SUITES.get(i / 2), i % 2 == 1);
                t[i].forwardToGateway = false;
                t[i].forwardToClient = false;
            }
        } catch (DataPlaneException e) {
            throw new IllegalStateException(e);
        }
        return t;
    }

    private static EspTransform[] sealers() {
        EspTransform[] s = new EspTransform[TUNNELS.length];
        try {
            for (int i = 0; i < s.length; i++) {
                Suite suite = SUITES.get(i / 2);
                ChildSaSpec g = TestTunnel.gatewaySpec(suite, i % 2 == 1, ChildSaSpec.Lifetime.IOS_DEFAULT,
                        ReplayWindow.DEFAULT_SIZE);
                s[i] = EspAlgorithm.of(suite.encryptionId(), suite.keyBits(), suite.integrityId()).newTransform(
                        g.inboundEncryptionKey().bytes(), g.inboundIntegrityKey().bytes(), EspInboundFuzzTest::freshIv,
                        new SecureRandom());
            }
        } catch (DataPlaneException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    /** Any octets after the SA's SPI: sequence number, IV, ciphertext and ICV as an attacker makes them. */
    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void forged(byte[] data) {
        if (data.length == 0) {
            return;
        }
        TestTunnel t = TUNNELS[Math.floorMod(data[0], TUNNELS.length)];
        byte[] esp = new byte[4 + data.length - 1];
        Octets.putInt(esp, 0, TestTunnel.GATEWAY_IN);
        System.arraycopy(data, 1, esp, 4, data.length - 1);

        Observed before = Observed.of(t);
        t.toGateway(esp);
        Observed after = Observed.of(t);

        assertThat(after.sa.packetsDecrypted()).as("a forgery never authenticates").isEqualTo(before.sa.packetsDecrypted());
        assertThat(after.drops() - before.drops()).as("dropped and counted exactly once").isEqualTo(1);
        assertThat(written(t)).isEmpty();
    }

    /**
     * Any plaintext (payload, padding, pad length, next header as the fuzzer makes them) under any sequence
     * number, sealed with the peer's real keys: the checks after the ICV (RFC 4303 trailer, tunnel-mode inner
     * packet, traffic selectors) see every shape.
     */
    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void authentic(byte[] data) {
        if (data.length < 1 + SEQUENCE_OCTETS) {
            return;
        }
        int index = Math.floorMod(data[0], TUNNELS.length);
        TestTunnel t = TUNNELS[index];
        EspTransform sealer = SEALERS[index];
        long seq = Octets.getInt(data, 1) & 0xFFFF_FFFFL | (long) Octets.getInt(data, 5) << 32;
        int plaintext = data.length - 1 - SEQUENCE_OCTETS;
        plaintext -= plaintext % sealer.cipherBlockSize();
        if (plaintext == 0 || plaintext > EspPacket.MAX_PACKET - EspPacket.MAX_OVERHEAD) {
            return;
        }
        byte[] esp = new byte[EspPacket.HEADER_LENGTH + sealer.ivLength() + plaintext + sealer.icvLength()];
        Octets.putInt(esp, 0, TestTunnel.GATEWAY_IN);
        Octets.putInt(esp, 4, (int) seq);
        int length = sealer.seal(Arrays.copyOfRange(data, 1 + SEQUENCE_OCTETS, 1 + SEQUENCE_OCTETS + plaintext), 0,
                plaintext, esp, 0, seq, index % 2 == 1);

        Observed before = Observed.of(t);
        t.toGateway(Arrays.copyOf(esp, length));
        Observed after = Observed.of(t);

        long decrypted = after.sa.packetsDecrypted() - before.sa.packetsDecrypted();
        long dropped = after.drops() - before.drops();
        assertThat(decrypted + dropped).as("delivered, dropped, or discarded as a dummy: at most one count")
                .isBetween(0L, 1L);
        Optional<byte[]> inner = written(t);
        assertThat(inner.isPresent()).as("written to the TUN device exactly when counted as decrypted")
                .isEqualTo(decrypted == 1);
        inner.ifPresent(p -> {
            assertThat(after.sa.bytesDecrypted() - before.sa.bytesDecrypted()).isEqualTo(p.length);
            int version = (p[0] & 0xff) >>> 4;
            assertThat(version).as("an IP packet").isIn(4, 6);
        });
    }

    @Test
    void theHarnessSealsWithThePeersKeysSoThatAuthenticInputsAreDelivered() {
        for (int index = 0; index < TUNNELS.length; index++) {
            byte[] inner = InnerPackets.ipv4(TestTunnel.CLIENT_ADDRESS, TestTunnel.SERVER_ADDRESS, 64);
            byte[] data = new byte[1 + SEQUENCE_OCTETS + inner.length + 16];
            data[0] = (byte) index;
            Octets.putInt(data, 1, 1_000_000 + index); // above any sequence number of the kept corpus
            System.arraycopy(inner, 0, data, 1 + SEQUENCE_OCTETS, inner.length);
            int pad = SEALERS[index].paddingAlignment() - (inner.length + 2) % SEALERS[index].paddingAlignment();
            for (int i = 1; i <= pad; i++) {
                data[1 + SEQUENCE_OCTETS + inner.length + i - 1] = (byte) i;
            }
            data[1 + SEQUENCE_OCTETS + inner.length + pad] = (byte) pad;
            data[1 + SEQUENCE_OCTETS + inner.length + pad + 1] = (byte) EspPacket.NEXT_HEADER_IPV4;
            byte[] exact = Arrays.copyOf(data, 1 + SEQUENCE_OCTETS + inner.length + pad + 2);
            long before = TUNNELS[index].gateway.counters(TestTunnel.GATEWAY_IN).orElseThrow().packetsDecrypted();

            authentic(exact);

            assertThat(TUNNELS[index].gateway.counters(TestTunnel.GATEWAY_IN).orElseThrow().packetsDecrypted())
                    .as("tunnel %d delivered", index).isEqualTo(before + 1);
        }
    }

    /** The next packet the gateway wrote to its TUN device (inbound processing is synchronous), if any. */
    private static Optional<byte[]> written(TestTunnel t) {
        MemoryTunDevice d = t.gatewayDevice();
        try {
            Optional<byte[]> first = d.takeWritten(Duration.ZERO);
            assertThat(d.takeWritten(Duration.ZERO)).as("at most one inner packet per ESP packet").isEmpty();
            return first;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every counter the inbound path moves. */
    private record Observed(ChildSaCounters sa, long noSa, long malformed) {
        static Observed of(TestTunnel t) {
            return new Observed(t.gateway.counters(TestTunnel.GATEWAY_IN).orElseThrow(),
                    t.gateway.processor().inboundNoSa(), t.gateway.processor().inboundMalformed());
        }

        long drops() {
            return noSa + malformed + sa.dropsMalformed() + sa.dropsReplay() + sa.dropsIntegrity();
        }
    }
}
