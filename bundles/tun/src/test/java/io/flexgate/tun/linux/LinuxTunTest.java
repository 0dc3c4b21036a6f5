package io.flexgate.tun.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunException;
import io.flexgate.api.tun.TunFactory.TunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import io.flexgate.tun.packet.MssClamp;
import io.flexgate.tun.packet.TcpChecksum;
import io.flexgate.tun.packet.TcpGso;
import io.flexgate.tun.packet.TcpSegments;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real thing: needs root (CAP_NET_ADMIN) and /dev/net/tun, otherwise skipped, except the missing-device
 * test. Devices get names unique to this process and addresses from 198.18.0.0/15 (RFC 2544 benchmarking).
 */
class LinuxTunTest {

    private static final long WAIT_SECONDS = 10;
    private static final int MTU = 1400;
    /** linux/capability.h */
    private static final int CAP_NET_ADMIN = 12;
    private static final int SUBNET = (int) (ProcessHandle.current().pid() % 250);
    private static final String NAME = "fgt" + ProcessHandle.current().pid() % 1_000_000;

    private LinuxTunFactory factory;

    @BeforeEach
    void setUp() {
        factory = new LinuxTunFactory(LinuxTunFactory.DEFAULT_DEVICE_PATH, LinuxTunFactory.DEFAULT_IP_COMMAND);
    }

    @AfterEach
    void tearDown() {
        factory.deactivate();
    }

    private static void assumeRootWithTun() throws IOException {
        assumeTrue(hasCapability(CAP_NET_ADMIN), "needs CAP_NET_ADMIN (root)");
        assumeTrue(Files.exists(Path.of(LinuxTunFactory.DEFAULT_DEVICE_PATH)), "needs /dev/net/tun");
    }

    /** Whether this process holds a capability now (the CapEff mask of /proc/self/status). */
    private static boolean hasCapability(int capability) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("CapEff:"))
                .map(l -> Long.parseUnsignedLong(l.substring("CapEff:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << capability)) != 0);
    }

    private static InetAddress address(int host) throws IOException {
        return InetAddress.getByAddress(new byte[] {(byte) 198, 18, (byte) SUBNET, (byte) host});
    }

    private TunDevice openWithAddress() throws Exception {
        return factory.open(new TunSpec(NAME, MTU, Optional.of(address(1)),
                Optional.of(new IpPrefix(address(0), 24))));
    }

    @Test
    void createConfigureCloseRemovesTheDevice() throws Exception {
        assumeRootWithTun();
        Path sys = Path.of("/sys/class/net", NAME);
        TunDevice device = openWithAddress();

        assertThat(sys).exists();
        assertThat(Files.readString(sys.resolve("mtu")).trim()).isEqualTo(Integer.toString(MTU));
        assertThat(Files.readString(sys.resolve("flags")).trim()).satisfies(
                flags -> assertThat(Integer.decode(flags) & 0x1).as("IFF_UP").isEqualTo(1));
        assertThat(ip("-4", "address", "show", "dev", NAME)).contains(address(1).getHostAddress() + "/24");
        assertThat(factory.openDevices()).isEqualTo(1);

        device.close();

        assertThat(sys).doesNotExist();
        assertThat(factory.openDevices()).isZero();
    }

    @Test
    void anIpv6AddressAndPrefixAreConfigured() throws Exception {
        assumeRootWithTun();
        assumeTrue(Files.exists(Path.of("/proc/sys/net/ipv6")), "needs IPv6 in the kernel");
        String text = "fd00:f6::" + Integer.toHexString(SUBNET) + ":1";
        InetAddress local = InetAddress.getByName(text);
        try (TunDevice device = factory.open(new TunSpec(NAME, MTU, Optional.of(local),
                Optional.of(new IpPrefix(local, 112))))) {
            assertThat(ip("-6", "address", "show", "dev", NAME)).contains("inet6 " + text + "/112");
            assertThat(device.name()).isEqualTo(NAME);
        }
    }

    @Test
    void kernelAnswersAnEchoRequestWrittenToTheDevice() throws Exception {
        assumeRootWithTun();
        try (TunDevice device = openWithAddress()) {
            byte[] request = Icmp.echoRequest(address(2), address(1), 0x4647, 1);
            device.write(ByteBuffer.wrap(request));

            CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> readEchoReply(device, 0x4647));
            byte[] packet = reply.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(Icmp.source(packet)).isEqualTo(address(1));
            assertThat(Icmp.destination(packet)).isEqualTo(address(2));
            assertThat(Icmp.checksumValid(packet)).isTrue();
        }
    }

    @Test
    void directBuffersAtAnOffsetRoundTripToo() throws Exception {
        assumeRootWithTun();
        try (TunDevice device = openWithAddress()) {
            byte[] request = Icmp.echoRequest(address(3), address(1), 0x4648, 7);
            ByteBuffer direct = ByteBuffer.allocateDirect(request.length + 10);
            direct.position(10).put(request).flip().position(10);
            device.write(direct);
            assertThat(direct.hasRemaining()).isFalse();

            byte[] packet = CompletableFuture.supplyAsync(() -> readEchoReply(device, 0x4648))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(Icmp.destination(packet)).isEqualTo(address(3));
        }
    }

    @Test
    void closeWakesABlockedReader() throws Exception {
        assumeRootWithTun();
        TunDevice device = openWithAddress();
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            ByteBuffer into = ByteBuffer.allocateDirect(MTU);
            reading.countDown();
            try {
                int n;
                // The kernel may send IPv6 solicitations first; read until the end.
                do {
                    into.clear();
                    n = device.read(into);
                } while (n >= 0);
                return n;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(reading.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        device.close();

        assertThat(reader.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(Path.of("/sys/class/net", NAME)).doesNotExist();
    }

    @Test
    void routesAreAddedAndRemovedIdempotently() throws Exception {
        assumeRootWithTun();
        IpPrefix client = new IpPrefix(InetAddress.getByAddress(new byte[] {(byte) 198, 19, (byte) SUBNET, 5}), 32);
        try (TunDevice device = openWithAddress()) {
            device.addRoute(client);
            device.addRoute(client);
            assertThat(ip("-4", "route", "show", "dev", NAME)).contains(client.network().getHostAddress());

            device.removeRoute(client);
            device.removeRoute(client);
            assertThat(ip("-4", "route", "show", "dev", NAME)).doesNotContain(client.network().getHostAddress());
        }
    }

    @Test
    void synsTheKernelSendsTowardsAClientAreClampedToTheDeviceMtu() throws Exception {
        assumeRootWithTun();
        InetAddress client = InetAddress.getByAddress(new byte[] {(byte) 198, 19, (byte) SUBNET, 7});
        try (TunDevice device = openWithAddress()) {
            // A route that lets the kernel advertise MSS 1460, as a route with a larger path MTU would.
            ip("-4", "route", "replace", client.getHostAddress() + "/32", "dev", NAME, "advmss", "1460");
            // Once into a heap buffer, once into a direct one: the two read paths.
            for (ByteBuffer into : new ByteBuffer[] {ByteBuffer.allocate(MTU), ByteBuffer.allocateDirect(MTU)}) {
                try (SocketChannel connecting = SocketChannel.open()) {
                    connecting.configureBlocking(false);
                    connecting.bind(null);
                    connecting.connect(new InetSocketAddress(client, 9));
                    int port = ((InetSocketAddress) connecting.getLocalAddress()).getPort();

                    byte[] syn = CompletableFuture.supplyAsync(() -> readUntil(device, into,
                            p -> isTcpSyn(p) && (ByteBuffer.wrap(p).getShort((p[0] & 0x0f) * 4) & 0xffff) == port))
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);

                    ByteBuffer packet = ByteBuffer.wrap(syn);
                    int ihl = (syn[0] & 0x0f) * 4;
                    assertThat(packet.getShort(ihl + 20) & 0xffff).as("MSS option kind/length").isEqualTo(0x0204);
                    assertThat(packet.getShort(ihl + 22) & 0xffff).as("MSS, %s buffer", into.isDirect() ? "direct"
                            : "heap").isEqualTo(MTU - MssClamp.IPV4_OVERHEAD);
                    assertThat(TcpChecksum.valid(packet)).isTrue();
                }
            }
        }
    }

    /** A kernel TCP connection to a peer behind the device whose side the test plays; after the handshake. */
    private record Connection(SocketChannel channel, InetAddress peer, int port, long kernelSeq, long peerSeq)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private Connection connectThrough(TunDevice device, InetAddress peer) throws Exception {
        SocketChannel connecting = SocketChannel.open();
        connecting.configureBlocking(false);
        connecting.bind(new InetSocketAddress(address(1), 0));
        connecting.connect(new InetSocketAddress(peer, 4000));
        int port = ((InetSocketAddress) connecting.getLocalAddress()).getPort();
        ByteBuffer into = ByteBuffer.allocateDirect(MTU);
        byte[] syn = CompletableFuture.supplyAsync(() -> readUntil(device, into,
                p -> isTcpSyn(p) && (ByteBuffer.wrap(p).getShort((p[0] & 0x0f) * 4) & 0xffff) == port))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        long kernelSeq = (ByteBuffer.wrap(syn).getInt(24) & 0xffff_ffffL) + 1;
        long peerSeq = 1_000;
        byte[] mss = {2, 4, 0x05, 0x00};
        device.write(TcpSegments.segment(peer, address(1), 4000, port, peerSeq, kernelSeq,
                TcpSegments.SYN | TcpSegments.ACK, mss, new byte[0]));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!connecting.finishConnect()) {
            assertThat(System.nanoTime()).as("connected").isLessThan(deadline);
            Thread.sleep(10);
        }
        return new Connection(connecting, peer, port, kernelSeq, peerSeq + 1);
    }

    /**
     * Five data segments written in one call go to the kernel as one GSO packet, and the kernel's socket receives
     * their bytes in order.
     */
    @Test
    void tcpSegmentsWrittenTogetherReachTheKernelAsOneStream() throws Exception {
        assumeRootWithTun();
        try (TunDevice device = openWithAddress(); Connection c = connectThrough(device, address(9))) {
            int segments = 5;
            int size = 1000;
            ByteBuffer[] batch = new ByteBuffer[segments];
            ByteBuffer expected = ByteBuffer.allocate(segments * size);
            for (int i = 0; i < segments; i++) {
                byte[] data = TcpSegments.payload(size, i);
                expected.put(data);
                int flags = i == segments - 1 ? TcpSegments.ACK | TcpSegments.PSH : TcpSegments.ACK;
                batch[i] = TcpSegments.segment(c.peer(), address(1), 4000, c.port(), c.peerSeq() + (long) i * size,
                        c.kernelSeq(), flags, new byte[0], data);
            }
            assertThat(TcpGso.run(batch, 0, segments, TcpGso.MAX_MERGED)).as("one GSO packet").isEqualTo(segments);
            device.write(batch, 0, segments);

            ByteBuffer received = ByteBuffer.allocate(segments * size);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (received.hasRemaining()) {
                assertThat(System.nanoTime()).as("all bytes received").isLessThan(deadline);
                if (c.channel().read(received) == 0) {
                    Thread.sleep(10);
                }
            }
            assertThat(received.array()).isEqualTo(expected.array());
        }
    }

    /**
     * What the kernel sends through the device as TCP super-packets (TSO) is read as segments no longer than the
     * MTU, with valid checksums and consecutive sequence numbers, carrying the bytes in order.
     */
    @Test
    void tcpDataTheKernelSendsIsReadAsSegmentsWithinTheMtu() throws Exception {
        assumeRootWithTun();
        try (TunDevice device = openWithAddress(); Connection c = connectThrough(device, address(10))) {
            int total = 12_000;
            byte[] data = TcpSegments.payload(total, 3);
            ByteBuffer out = ByteBuffer.wrap(data);
            while (out.hasRemaining()) {
                c.channel().write(out);
            }
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            ByteBuffer into = ByteBuffer.allocate(MTU);
            long seq = c.kernelSeq();
            while (stream.size() < total) {
                byte[] p = CompletableFuture.supplyAsync(() -> readUntil(device, into, this::carriesData))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                ByteBuffer packet = ByteBuffer.wrap(p);
                assertThat(p.length).isLessThanOrEqualTo(MTU);
                assertThat(TcpChecksum.valid(packet)).as("TCP checksum").isTrue();
                assertThat(packet.getInt(24) & 0xffff_ffffL).as("sequence number").isEqualTo(seq);
                int payload = p.length - 20 - ((p[32] & 0xf0) >>> 2);
                stream.write(p, p.length - payload, payload);
                seq += payload;
            }
            assertThat(stream.toByteArray()).isEqualTo(data);
            assertThat(((LinuxTunDevice) device).superPacketsRead()).as("super-packets from the kernel").isPositive();
        }
    }

    private boolean carriesData(byte[] p) {
        return p.length > 40 && (p[0] & 0xf0) == 0x40 && p[9] == 6 && p.length - 20 - ((p[32] & 0xf0) >>> 2) > 0;
    }

    private static boolean isTcpSyn(byte[] p) {
        return p.length >= 40 && (p[0] & 0xf0) == 0x40 && p[9] == 6 && (p[(p[0] & 0x0f) * 4 + 13] & 0x02) != 0;
    }

    @Test
    void aNameInUseIsReported() throws Exception {
        assumeRootWithTun();
        try (TunDevice device = openWithAddress()) {
            assertThatThrownBy(() -> factory.open(new TunSpec(NAME, MTU, Optional.empty(), Optional.empty())))
                    .isInstanceOf(TunException.class)
                    .hasMessageContaining(NAME).hasMessageContaining("in use");
            assertThat(device.mtu()).isEqualTo(MTU);
        }
    }

    @Test
    void aMissingCloneDeviceNamesTheFix() {
        LinuxTunFactory missing = new LinuxTunFactory("/nonexistent/net/tun", LinuxTunFactory.DEFAULT_IP_COMMAND);

        assertThatThrownBy(() -> missing.open(new TunSpec("fgt-missing", MTU, Optional.empty(), Optional.empty())))
                .isInstanceOf(TunException.class)
                .hasMessageContaining("/nonexistent/net/tun does not exist")
                .hasMessageContaining("modprobe tun");
    }

    @Test
    void aFileThatIsNotTheCloneDeviceIsReported() throws Exception {
        assumeRootWithTun();
        LinuxTunFactory wrong = new LinuxTunFactory("/dev/null", LinuxTunFactory.DEFAULT_IP_COMMAND);

        assertThatThrownBy(() -> wrong.open(new TunSpec(NAME, MTU, Optional.empty(), Optional.empty())))
                .isInstanceOf(TunException.class)
                .hasMessageContaining("/dev/null is not the TUN clone device");
    }

    @Test
    void invalidNamesAreRefusedBeforeTheKernelSeesThem() {
        for (String bad : new String[] {"a/b", "a b", "-x", "..", "vt:1"}) {
            assertThatThrownBy(() -> factory.open(new TunSpec(bad, MTU, Optional.empty(), Optional.empty())))
                    .isInstanceOf(TunException.class).hasMessageContaining("not a valid interface name");
        }
    }

    @Test
    void aMissingIpCommandFailsTheOpenAndRemovesTheDevice() throws Exception {
        assumeRootWithTun();
        LinuxTunFactory noIp = new LinuxTunFactory(LinuxTunFactory.DEFAULT_DEVICE_PATH, "/nonexistent/ip");

        assertThatThrownBy(() -> noIp.open(new TunSpec(NAME, MTU, Optional.empty(), Optional.empty())))
                .isInstanceOf(TunException.class)
                .hasMessageContaining("could not be configured").hasMessageContaining("iproute2");
        assertThat(Path.of("/sys/class/net", NAME)).doesNotExist();
    }

    private static byte[] readEchoReply(TunDevice device, int identifier) {
        return readUntil(device, ByteBuffer.allocate(MTU), p -> Icmp.isEchoReply(p, identifier));
    }

    private static byte[] readUntil(TunDevice device, ByteBuffer into, Predicate<byte[]> wanted) {
        try {
            while (true) {
                into.clear();
                int n = device.read(into);
                if (n < 0) {
                    throw new IllegalStateException("device closed");
                }
                byte[] packet = new byte[n];
                into.flip().get(packet);
                if (wanted.test(packet)) {
                    return packet;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ip(String... arguments) throws Exception {
        String[] argv = new String[arguments.length + 1];
        argv[0] = "ip";
        System.arraycopy(arguments, 0, argv, 1, arguments.length);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
