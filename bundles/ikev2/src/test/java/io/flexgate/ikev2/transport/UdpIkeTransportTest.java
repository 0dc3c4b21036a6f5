package io.flexgate.ikev2.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** RFC 3948 demultiplexing on real loopback sockets (ephemeral ports). */
class UdpIkeTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void demultiplexesIkeEspAndKeepalivesOnTheNatTPort() throws Exception {
        BlockingQueue<Datagram> ike = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> esp = new LinkedBlockingQueue<>();
        DataPlane dataPlane = new RecordingDataPlane(esp);
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0),
                ike::add, () -> dataPlane); DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            byte[] ikeMessage = {1, 2, 3, 4, 5, 6, 7, 8};
            // IKE on port 500: as is.
            peer.send(new DatagramPacket(ikeMessage, ikeMessage.length, t.ikeAddress()));
            Datagram d = ike.poll(10, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(d.data()).isEqualTo(ikeMessage);
            assertThat(d.remote()).isEqualTo(peer.getLocalSocketAddress());
            assertThat(d.local().getPort()).isEqualTo(t.ikeAddress().getPort());

            // A keepalive is dropped, IKE behind the non-ESP marker is stripped, ESP goes to the data plane.
            peer.send(new DatagramPacket(new byte[] {(byte) 0xFF}, 1, t.natTAddress()));
            byte[] marked = {0, 0, 0, 0, 9, 9, 9, 9};
            peer.send(new DatagramPacket(marked, marked.length, t.natTAddress()));
            byte[] espPacket = {0, 0, 0x10, 0, 0, 0, 0, 1, 42, 42};
            peer.send(new DatagramPacket(espPacket, espPacket.length, t.natTAddress()));

            Datagram marker = ike.poll(10, TimeUnit.SECONDS);
            assertThat(marker.data()).containsExactly(9, 9, 9, 9);
            assertThat(esp.poll(10, TimeUnit.SECONDS)).isEqualTo(espPacket);
            assertThat(ike).isEmpty();

            // Sending on the NAT-T port adds the marker.
            t.send(new Datagram(new byte[] {7, 7}, t.natTAddress(), (InetSocketAddress) peer.getLocalSocketAddress()));
            DatagramPacket in = new DatagramPacket(new byte[100], 100);
            peer.setSoTimeout(10_000);
            peer.receive(in);
            assertThat(Arrays.copyOf(in.getData(), in.getLength())).containsExactly(0, 0, 0, 0, 7, 7);
        }
    }

    @Test
    void aDatagramLongerThanNettysDefaultReadBufferArrivesWhole() throws Exception {
        BlockingQueue<Datagram> ike = new LinkedBlockingQueue<>();
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0),
                ike::add, () -> null); DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            // An unfragmented IKE_AUTH with a certificate chain is easily several kilobytes (RFC 7383 is optional).
            byte[] big = new byte[9_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            peer.send(new DatagramPacket(big, big.length, t.ikeAddress()));
            Datagram d = ike.poll(10, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(d.length()).isEqualTo(big.length);
            assertThat(Arrays.equals(d.data(), big)).isTrue();
        }
    }

    @Test
    void severalReceiveSocketsShareThePortAndKeepEachPeerOnOneThread() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT receive sockets need native epoll");
        int peers = 24;
        BlockingQueue<Map.Entry<Datagram, String>> ike = new LinkedBlockingQueue<>();
        List<DatagramSocket> sockets = new ArrayList<>();
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0),
                d -> ike.add(Map.entry(d, Thread.currentThread().getName())), () -> null,
                new UdpIkeTransport.Sockets(3, UdpIkeTransport.MIN_RECEIVE_BUFFER))) {
            assertThat(t.receiveSockets()).isEqualTo(3);
            for (int i = 0; i < peers; i++) {
                sockets.add(new DatagramSocket(0, LOOPBACK));
            }
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < peers; i++) {
                    byte[] m = {(byte) i, (byte) round};
                    sockets.get(i).send(new DatagramPacket(m, m.length, i % 2 == 0 ? t.ikeAddress() : t.natTAddress()));
                    if (i % 2 == 1) {
                        byte[] marked = {0, 0, 0, 0, (byte) i, (byte) round};
                        sockets.get(i).send(new DatagramPacket(marked, marked.length, t.natTAddress()));
                    }
                }
            }
            Map<SocketAddress, Set<String>> threadsByPeer = new HashMap<>();
            Set<String> threads = new HashSet<>();
            // Even peers: one IKE datagram a round on port 500; odd peers: one on port 4500 behind the non-ESP
            // marker (their short unmarked datagram is MALFORMED there and dropped).
            for (int n = 0; n < 2 * peers; n++) {
                Map.Entry<Datagram, String> e = ike.poll(10, TimeUnit.SECONDS);
                assertThat(e).as("datagram %d of %d", n, 2 * peers).isNotNull();
                threadsByPeer.computeIfAbsent(e.getKey().remote(), k -> new HashSet<>()).add(e.getValue());
                threads.add(e.getValue());
            }
            assertThat(threadsByPeer).hasSize(peers);
            // The kernel hashes the 4-tuple: one peer's datagrams on a port always reach the same socket and thread.
            assertThat(threadsByPeer.values()).allSatisfy(s -> assertThat(s).hasSize(1));
            // 24 peers over three sockets: all on one would have odds of 3 * 3^-24.
            assertThat(threads).hasSizeGreaterThan(1);

            // Answers leave from the bound port, whichever socket sends them.
            DatagramSocket peer = sockets.get(0);
            t.send(new Datagram(new byte[] {5}, t.ikeAddress(), (InetSocketAddress) peer.getLocalSocketAddress()));
            DatagramPacket in = new DatagramPacket(new byte[10], 10);
            peer.setSoTimeout(10_000);
            peer.receive(in);
            assertThat(in.getPort()).isEqualTo(t.ikeAddress().getPort());
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
    }

    @Test
    void repliesSentWhileHandlingADatagramLeaveAtTheEndOfTheReadBatchOnBothPorts() throws Exception {
        AtomicReference<UdpIkeTransport> transport = new AtomicReference<>();
        // The engine answers on the receiving thread, as it does with a COOKIE: the reply echoes the request.
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0),
                d -> transport.get().send(new Datagram(d.data(), d.local(), d.remote())), () -> null,
                new UdpIkeTransport.Sockets(2, UdpIkeTransport.DEFAULT_RECEIVE_BUFFER));
                DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            transport.set(t);
            peer.setSoTimeout(10_000);
            int requests = 200; // more than one read batch (16 datagrams)
            for (int i = 0; i < requests; i++) {
                byte[] m = {0, 0, 0, 0, (byte) (i >> 8), (byte) i};
                boolean natT = i % 2 == 1;
                peer.send(natT ? new DatagramPacket(m, m.length, t.natTAddress())
                        : new DatagramPacket(m, 4, 2, t.ikeAddress()));
            }
            Set<Integer> answered = new HashSet<>();
            for (int n = 0; n < requests; n++) {
                DatagramPacket in = new DatagramPacket(new byte[16], 16);
                peer.receive(in);
                byte[] got = Arrays.copyOf(in.getData(), in.getLength());
                boolean natT = in.getPort() == t.natTAddress().getPort();
                // NAT-T replies carry the non-ESP marker again; port 500 replies do not.
                assertThat(got).hasSize(natT ? 6 : 2);
                int i = (got[got.length - 2] & 0xFF) << 8 | got[got.length - 1] & 0xFF;
                assertThat(i % 2 == 1).as("reply %d on the port its request came to", i).isEqualTo(natT);
                answered.add(i);
            }
            assertThat(answered).hasSize(requests);
            assertThat(t.dropped()).isZero();
        }
    }

    @Test
    void aReceiveBufferAboveRmemMaxIsForcedWhenTheProcessMay() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_RCVBUFFORCE is set through native epoll");
        assumeTrue("root".equals(System.getProperty("user.name")), "SO_RCVBUFFORCE needs CAP_NET_ADMIN");
        // Read line by line: /proc reports a size of 0, and a read sized by it can come back short.
        int rmemMax = Integer.parseInt(Files.readAllLines(
                Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
        // Linux reports twice what it grants, so a capped socket shows 2 * rmem_max: ask for more than that.
        int asked = 4 * Math.max(rmemMax, UdpIkeTransport.MIN_RECEIVE_BUFFER);
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0),
                d -> { }, () -> null, new UdpIkeTransport.Sockets(1, asked))) {
            assertThat(t.grantedReceiveBuffer()).as("net.core.rmem_max is %d", rmemMax).isGreaterThanOrEqualTo(asked);
        }
    }

    @Test
    void afterStopReceivingNothingIsDeliveredButSendingStillWorks() throws Exception {
        BlockingQueue<Datagram> ike = new LinkedBlockingQueue<>();
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0),
                ike::add, () -> null); DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            peer.setSoTimeout(10_000);
            byte[] before = {1, 1};
            peer.send(new DatagramPacket(before, before.length, t.ikeAddress()));
            assertThat(ike.poll(10, TimeUnit.SECONDS)).isNotNull();

            t.stopReceiving();
            byte[] after = {2, 2};
            peer.send(new DatagramPacket(after, after.length, t.ikeAddress()));
            peer.send(new DatagramPacket(after, after.length, t.natTAddress()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (t.ignoredAfterStop() < 2 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertThat(t.ignoredAfterStop()).isEqualTo(2);
            // A graceful stop still sends its DELETEs.
            t.send(new Datagram(new byte[] {3}, t.ikeAddress(), (InetSocketAddress) peer.getLocalSocketAddress()));
            DatagramPacket in = new DatagramPacket(new byte[10], 10);
            peer.receive(in);
            assertThat(in.getLength()).isEqualTo(1);
            assertThat(ike).as("nothing delivered after stopReceiving").isEmpty();
        }
    }

    @Test
    void socketSettingsAreBounded() {
        assertThatThrownBy(() -> new UdpIkeTransport.Sockets(0, UdpIkeTransport.DEFAULT_RECEIVE_BUFFER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UdpIkeTransport.Sockets(UdpIkeTransport.MAX_RECEIVE_THREADS + 1,
                UdpIkeTransport.DEFAULT_RECEIVE_BUFFER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UdpIkeTransport.Sockets(1, UdpIkeTransport.MIN_RECEIVE_BUFFER - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UdpIkeTransport.Sockets.defaults().receiveThreads())
                .isBetween(1, UdpIkeTransport.DEFAULT_MAX_RECEIVE_THREADS);
    }

    @Test
    void classification() {
        assertThat(NatTraversalFraming.classify(-1, 0xFF, 1)).isEqualTo(NatTraversalFraming.KEEPALIVE);
        assertThat(NatTraversalFraming.classify(0, 0, 40)).isEqualTo(NatTraversalFraming.IKE);
        assertThat(NatTraversalFraming.classify(0x1000, 0, 40)).isEqualTo(NatTraversalFraming.ESP);
        assertThat(NatTraversalFraming.classify(0x1000, 0, 6)).isEqualTo(NatTraversalFraming.MALFORMED);
        assertThat(NatTraversalFraming.classify(-1, 1, 2)).isEqualTo(NatTraversalFraming.MALFORMED);
    }

    private record RecordingDataPlane(BlockingQueue<byte[]> esp) implements DataPlane {
        @Override
        public void install(ChildSaSpec spec, ChildSaEvents events) {
            throw new AssertionError("not used");
        }

        @Override
        public void remove(int inboundSpi) {
        }

        @Override
        public Optional<ChildSaCounters> counters(int inboundSpi) {
            return Optional.empty();
        }

        @Override
        public void receiveEncapsulated(ByteBuffer espPacket, InetSocketAddress remote, InetSocketAddress local) {
            byte[] b = new byte[espPacket.remaining()];
            espPacket.get(b);
            esp.add(b);
        }

        @Override
        public void bindTransport(EspTransport transport) {
        }
    }
}
