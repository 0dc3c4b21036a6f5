package io.flexgate.esp;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-packet cost of ESP seal (sequence number, padding, encryption, ICV) and open (ICV check, decryption,
 * trailer check) on one thread, for inner IPv4 packets of 64, 512 and 1400 octets.
 *
 * <p>Open runs over a ring of pre-sealed packets with the anti-replay window off, so every call verifies
 * and decrypts a packet with a fresh nonce (the window itself costs a few nanoseconds).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EspSealOpenBenchmark {

    private static final int RING = 1024;

    @Param({"aes128gcm16", "aes256-sha256", "chacha20poly1305"})
    public String suite;

    @Param({"64", "512", "1400"})
    public int size;

    private OutboundSa outbound;
    private InboundSa inbound;
    private byte[] inner;
    private byte[] out;
    private byte[][] sealed;
    private int[] sealedLength;
    private int next;

    @Setup
    public void setup() throws Exception {
        EspAlgorithm alg = switch (suite) {
            case "aes128gcm16" -> EspAlgorithm.of(EspAlgorithm.ENCR_AES_GCM_16, 128, 0);
            case "aes256-sha256" -> EspAlgorithm.of(EspAlgorithm.ENCR_AES_CBC, 256,
                    EspAlgorithm.AUTH_HMAC_SHA2_256_128);
            case "chacha20poly1305" -> EspAlgorithm.of(EspAlgorithm.ENCR_CHACHA20_POLY1305, 256, 0);
            default -> throw new IllegalArgumentException(suite);
        };
        Random r = new Random(1);
        byte[] key = new byte[alg.encryptionKeyLength()];
        byte[] integrityKey = new byte[alg.integrityKeyLength()];
        r.nextBytes(key);
        r.nextBytes(integrityKey);
        SecureRandom random = new SecureRandom();
        outbound = new OutboundSa(0x1000, alg.newTransform(key, integrityKey, null, random), false, 0);
        inbound = new InboundSa(0x1000, alg.newTransform(key, integrityKey, null, random), false, 0);
        inner = new byte[size + OutboundSa.TRAILER_ROOM];
        r.nextBytes(inner);
        inner[0] = 0x45;
        out = new byte[EspPacket.MAX_PACKET + EspPacket.MAX_OVERHEAD];
        OutboundSa ringSealer = new OutboundSa(0x1000, alg.newTransform(key, integrityKey, null, random), false, 0);
        sealed = new byte[RING][size + EspPacket.MAX_OVERHEAD];
        sealedLength = new int[RING];
        for (int i = 0; i < RING; i++) {
            sealedLength[i] = ringSealer.seal(inner, 0, size, EspPacket.NEXT_HEADER_IPV4, sealed[i], 0);
        }
    }

    @Benchmark
    public int seal() {
        return outbound.seal(inner, 0, size, EspPacket.NEXT_HEADER_IPV4, out, 0);
    }

    @Benchmark
    public int open() {
        int i = next;
        next = (i + 1) & (RING - 1);
        int result = inbound.open(sealed[i], 0, sealedLength[i], out, 0);
        if (result < 0) {
            throw new IllegalStateException("open failed: " + Drop.of(result));
        }
        return result;
    }
}
