package io.flexgate.ikev2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
            assertThat(java.util.Arrays.copyOf(in.getData(), in.getLength())).containsExactly(0, 0, 0, 0, 7, 7);
        }
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
