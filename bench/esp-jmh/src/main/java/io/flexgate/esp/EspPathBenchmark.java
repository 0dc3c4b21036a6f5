package io.flexgate.esp;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.ChildSaSpec.Lifetime;
import io.flexgate.api.dataplane.DataPlane.ChildSaEvents;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
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
 * The whole per-packet path minus the I/O: outbound = SA lookup by inner destination among {@code sessions}
 * installed pairs, seal, counters, hand-off to a transport that drops the packet; inbound = SPI lookup,
 * replay-window check, open, trailer and selector checks, counters (no TUN bound, so the write is skipped).
 * Inbound runs with the anti-replay window off, because it replays a ring of pre-sealed packets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(1)
public class EspPathBenchmark {

    private static final int RING = 1024;

    @Param({"aes128gcm16", "aes256-sha256"})
    public String suite;

    @Param({"64", "1400"})
    public int size;

    @Param({"1000"})
    public int sessions;

    private EspProcessor processor;
    private byte[][] inner;
    private ByteBuffer[] esp;
    private byte[] out;
    private ByteBuffer outView;
    private int next;

    @Setup
    public void setup() throws Exception {
        EspAlgorithm alg = "aes128gcm16".equals(suite) ? EspAlgorithm.of(EspAlgorithm.ENCR_AES_GCM_16, 128, 0)
                : EspAlgorithm.of(EspAlgorithm.ENCR_AES_CBC, 256, EspAlgorithm.AUTH_HMAC_SHA2_256_128);
        Random r = new Random(1);
        SecureRandom random = new SecureRandom();
        SaDatabase sad = new SaDatabase();
        OutboundSa[] peers = new OutboundSa[sessions];
        ChildSaEvents events = new ChildSaEvents() {
            @Override
            public void softExpired(int inboundSpi) {
            }

            @Override
            public void hardExpired(int inboundSpi) {
            }
        };
        for (int i = 0; i < sessions; i++) {
            byte[] key = new byte[alg.encryptionKeyLength()];
            byte[] integrity = new byte[alg.integrityKeyLength()];
            r.nextBytes(key);
            r.nextBytes(integrity);
            ChildSaSpec spec = new ChildSaSpec(i, "Virtual-Template100", "Virtual-Access" + i, 0x1000_0000 + i,
                    0x2000_0000 + i, alg.encryptionId(), alg.keyBits(), alg.integrityId(), false,
                    Secret.copyOf(key), Secret.copyOf(integrity), Secret.copyOf(key), Secret.copyOf(integrity),
                    new InetSocketAddress("198.18.0.1", 4500), new InetSocketAddress("198.18.0.2", 4500), true,
                    List.of(IpPrefix.parse("10.0.0.0/8")), List.of(IpPrefix.host(client(i))), Lifetime.IOS_DEFAULT, 0);
            sad.add(new EspSaPair(spec, alg, new InboundSa(spec.inboundSpi(), alg.newTransform(key, integrity, null,
                    random), false, 0), new OutboundSa(spec.outboundSpi(), alg.newTransform(key, integrity, null,
                    random), false, 0), events, new SaLifetime(spec.lifetime(), Clock.systemUTC().instant())));
            peers[i] = new OutboundSa(spec.inboundSpi(), alg.newTransform(key, integrity, null, random), false, 0);
        }
        processor = new EspProcessor(sad, Clock.systemUTC(), new EspProcessor.Expiries() {
            @Override
            public void soft(EspSaPair pair) {
            }

            @Override
            public void hard(EspSaPair pair) {
            }
        });
        processor.transport((packet, local, remote) -> true);
        inner = new byte[RING][];
        esp = new ByteBuffer[RING];
        for (int i = 0; i < RING; i++) {
            int s = r.nextInt(sessions);
            inner[i] = ipv4(InetAddress.getByName("10.1.0.10"), client(s));
            byte[] fromClient = ipv4(client(s), InetAddress.getByName("10.1.0.10"));
            byte[] sealed = new byte[size + EspPacket.MAX_OVERHEAD];
            esp[i] = ByteBuffer.wrap(sealed, 0, peers[s].seal(fromClient, 0, size, EspPacket.NEXT_HEADER_IPV4,
                    sealed, 0));
        }
        out = new byte[EspPacket.MAX_PACKET + EspPacket.MAX_OVERHEAD];
        outView = ByteBuffer.wrap(out);
        // Sanity: both paths go all the way (a decrypted packet finds no TUN; a sealed one is handed over).
        processor.inbound(esp[0]);
        processor.outbound(inner[0], 0, size, out, outView);
        if (processor.inboundUndeliverable() != 1 || processor.outboundNoSa() != 0
                || sad.byInboundSpi(esp[0].getInt(0)).counters().snapshot().packetsDecrypted() != 1) {
            throw new IllegalStateException("the benchmark's packets do not take the full path");
        }
    }

    private static InetAddress client(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, (byte) (i >>> 8), (byte) i});
    }

    private byte[] ipv4(InetAddress src, InetAddress dst) {
        byte[] p = new byte[size + OutboundSa.TRAILER_ROOM];
        p[0] = 0x45;
        p[2] = (byte) (size >>> 8);
        p[3] = (byte) size;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(src.getAddress(), 0, p, 12, 4);
        System.arraycopy(dst.getAddress(), 0, p, 16, 4);
        return p;
    }

    @Benchmark
    public void outbound() {
        int i = next;
        next = (i + 1) & (RING - 1);
        processor.outbound(inner[i], 0, size, out, outView);
    }

    @Benchmark
    public void inbound() {
        int i = next;
        next = (i + 1) & (RING - 1);
        processor.inbound(esp[i]);
    }
}
