package io.flexgate.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.ChildSaSpec.Lifetime;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.dataplane.DataPlane.ChildSaEvents;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.tun.memory.MemoryTunDevice;
import io.flexgate.tun.memory.MemoryTunFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A gateway and a client data plane with mirrored CHILD_SAs over memory TUN devices and a memory transport:
 * what the gateway sends can be captured, forwarded to the client, or both (and the other way round).
 */
final class TestTunnel implements AutoCloseable {

    /** Bound on every wait; conditions normally hold within milliseconds. */
    static final Duration WAIT = Duration.ofSeconds(10);

    static final int GATEWAY_IN = 0xc0000001;
    static final int CLIENT_IN = 0xc1000001;
    static final String CLIENT_ADDRESS = "192.168.10.5";
    static final String SERVER_ADDRESS = "10.1.0.10";
    static final String CLIENT_V6 = "fd00:10::5";
    static final String SERVER_V6 = "fd00:1::10";
    static final String GATEWAY_DEVICE = "fg-vt100";
    static final String CLIENT_DEVICE = "fg-vt1";
    static final InetSocketAddress GATEWAY_OUTER = new InetSocketAddress("198.18.0.1", 4500);
    static final InetSocketAddress CLIENT_OUTER = new InetSocketAddress("198.18.0.2", 4500);

    /** An algorithm combination by IANA ids. */
    record Suite(String name, int encryptionId, int keyBits, int integrityId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Suite> suites() {
        return List.of(
                new Suite("aes128-gcm8", EspAlgorithm.ENCR_AES_GCM_8, 128, 0),
                new Suite("aes192-gcm12", EspAlgorithm.ENCR_AES_GCM_12, 192, 0),
                new Suite("aes128-gcm16", EspAlgorithm.ENCR_AES_GCM_16, 128, 0),
                new Suite("aes256-gcm16", EspAlgorithm.ENCR_AES_GCM_16, 256, 0),
                new Suite("chacha20-poly1305", EspAlgorithm.ENCR_CHACHA20_POLY1305, 256, 0),
                new Suite("aes128-sha1", EspAlgorithm.ENCR_AES_CBC, 128, EspAlgorithm.AUTH_HMAC_SHA1_96),
                new Suite("aes192-sha256", EspAlgorithm.ENCR_AES_CBC, 192, EspAlgorithm.AUTH_HMAC_SHA2_256_128),
                new Suite("aes256-sha256", EspAlgorithm.ENCR_AES_CBC, 256, EspAlgorithm.AUTH_HMAC_SHA2_256_128),
                new Suite("aes256-sha384", EspAlgorithm.ENCR_AES_CBC, 256, EspAlgorithm.AUTH_HMAC_SHA2_384_192),
                new Suite("aes256-sha512", EspAlgorithm.ENCR_AES_CBC, 256, EspAlgorithm.AUTH_HMAC_SHA2_512_256));
    }

    /** A clock the test moves. */
    static final class FakeClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-28T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Lifetime events as "soft c0000001" / "hard c0000001". */
    static final class Events implements ChildSaEvents {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Override
        public void softExpired(int inboundSpi) {
            seen.add("soft " + Integer.toHexString(inboundSpi));
        }

        @Override
        public void hardExpired(int inboundSpi) {
            seen.add("hard " + Integer.toHexString(inboundSpi));
        }

        String next() throws InterruptedException {
            return seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    final FakeClock clock = new FakeClock();
    final MemoryTunFactory gatewayTun = new MemoryTunFactory();
    final MemoryTunFactory clientTun = new MemoryTunFactory();
    final UserspaceEspDataPlane gateway = new UserspaceEspDataPlane(EspSettings.DEFAULTS, clock, new SecureRandom(),
            false);
    final UserspaceEspDataPlane client = new UserspaceEspDataPlane(EspSettings.DEFAULTS, clock, new SecureRandom(),
            false);
    final Events gatewayEvents = new Events();
    final Events clientEvents = new Events();
    /** ESP the gateway sent, and the client sent. */
    final BlockingQueue<byte[]> fromGateway = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> fromClient = new LinkedBlockingQueue<>();
    /** Where the gateway sent each of its ESP packets: "local->remote". */
    final BlockingQueue<String> gatewayRoutes = new LinkedBlockingQueue<>();
    volatile boolean forwardToClient = true;
    volatile boolean forwardToGateway = true;

    TestTunnel() {
        gateway.bindTunFactory(gatewayTun);
        client.bindTunFactory(clientTun);
        gateway.bindTransport(transport(fromGateway, gatewayRoutes, () -> forwardToClient, client));
        client.bindTransport(transport(fromClient, new LinkedBlockingQueue<>(), () -> forwardToGateway, gateway));
    }

    /** Delivers to {@code peer} first (when asked), then records, so a recorded packet has been processed. */
    private static DataPlane.EspTransport transport(BlockingQueue<byte[]> sent, BlockingQueue<String> routes,
            BooleanSupplier forward, UserspaceEspDataPlane peer) {
        return (esp, local, remote) -> {
            routes.add(local + "->" + remote);
            byte[] b = copy(esp);
            if (forward.getAsBoolean()) {
                peer.receiveEncapsulated(ByteBuffer.wrap(b.clone()), remote, local);
            }
            sent.add(b);
            return true;
        };
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return copy;
    }

    /** The gateway's spec: keys from a seeded generator so the client can mirror them. */
    static ChildSaSpec gatewaySpec(Suite s, boolean esn, Lifetime lifetime, int window) throws DataPlaneException {
        EspAlgorithm alg = EspAlgorithm.of(s.encryptionId(), s.keyBits(), s.integrityId());
        Random seeded = new Random(s.name().hashCode());
        return new ChildSaSpec(1, "Virtual-Template100", "Virtual-Access1", GATEWAY_IN, CLIENT_IN, s.encryptionId(),
                s.keyBits(), s.integrityId(), esn, key(seeded, alg.encryptionKeyLength()),
                key(seeded, alg.integrityKeyLength()), key(seeded, alg.encryptionKeyLength()),
                key(seeded, alg.integrityKeyLength()), GATEWAY_OUTER, CLIENT_OUTER, true,
                List.of(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("fd00:1::/64")),
                List.of(IpPrefix.parse(CLIENT_ADDRESS + "/32"), IpPrefix.parse(CLIENT_V6 + "/128")), lifetime, window);
    }

    private static Secret key(Random r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return Secret.copyOf(b);
    }

    /** The client's side of {@code g}: SPIs, keys, addresses and selectors swapped. */
    static ChildSaSpec mirror(ChildSaSpec g) {
        return new ChildSaSpec(2, "Virtual-Template1", "Virtual-Access1", g.outboundSpi(), g.inboundSpi(),
                g.encryptionId(), g.keyBits(), g.integrityId(), g.esn(), g.outboundEncryptionKey(),
                g.outboundIntegrityKey(), g.inboundEncryptionKey(), g.inboundIntegrityKey(), g.remote(), g.local(),
                true, g.remoteSelectors(), g.localSelectors(), Lifetime.IOS_DEFAULT, g.replayWindow());
    }

    /** Installs the pair on both sides with the seed's lifetimes and the default window. */
    TestTunnel install(Suite s, boolean esn) throws DataPlaneException {
        return install(gatewaySpec(s, esn, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE));
    }

    TestTunnel install(ChildSaSpec gatewaySpec) throws DataPlaneException {
        gateway.install(gatewaySpec, gatewayEvents);
        client.install(mirror(gatewaySpec), clientEvents);
        return this;
    }

    MemoryTunDevice gatewayDevice() {
        return gatewayTun.device(GATEWAY_DEVICE).orElseThrow();
    }

    MemoryTunDevice clientDevice() {
        return clientTun.device(CLIENT_DEVICE).orElseThrow();
    }

    /** Sends {@code inner} from the client's TUN and returns the ESP the client sent. */
    byte[] clientSends(byte[] inner) throws InterruptedException {
        assertThat(clientDevice().inject(inner)).isTrue();
        byte[] esp = fromClient.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(esp).as("ESP from the client").isNotNull();
        return esp;
    }

    /** Delivers ESP to the gateway as the engine would. */
    void toGateway(byte[] esp) {
        gateway.receiveEncapsulated(ByteBuffer.wrap(esp), CLIENT_OUTER, GATEWAY_OUTER);
    }

    /** What the gateway wrote to its TUN device next, or null after the bounded wait. */
    static byte[] written(MemoryTunDevice d) throws InterruptedException {
        return d.takeWritten(WAIT).orElse(null);
    }

    /** Nothing written right now (inbound processing is synchronous, so no wait is needed). */
    static boolean nothingWritten(MemoryTunDevice d) throws InterruptedException {
        return d.takeWritten(Duration.ZERO).isEmpty();
    }

    /** Waits, bounded, for a condition another thread makes true. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within " + WAIT).isNegative();
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        gateway.deactivate();
        client.deactivate();
    }
}
