package io.flexgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.transport.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RFC 3948 section 2.2 framing on the client's socket, against a headend socket on an ephemeral port. */
class UdpClientTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] IKE = "an IKE message, header and all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void nonEspMarkerIsAddedTowardsNatTAndStrippedFromIt() throws Exception {
        framing(null);
    }

    @Test
    void theSameOnASocketReadByTheSharedReceiverOfTheLoadMode() throws Exception {
        try (SharedUdpReceiver shared = new SharedUdpReceiver("test-udp")) {
            framing(shared);
        }
    }

    private static void framing(SharedUdpReceiver shared) throws Exception {
        try (DatagramChannel headend = DatagramChannel.open()) {
            headend.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress headendAddress = (InetSocketAddress) headend.getLocalAddress();
            LinkedBlockingQueue<Datagram> delivered = new LinkedBlockingQueue<>();
            try (UdpClientTransport client = new UdpClientTransport(headendAddress, headendAddress.getPort(),
                    java.util.Optional.empty(), delivered::add, shared)) {
                assertThat(client.send(new Datagram(IKE, client.local(), headendAddress))).isTrue();
                ByteBuffer in = ByteBuffer.allocate(2048);
                InetSocketAddress from = (InetSocketAddress) headend.receive(in);
                in.flip();
                assertThat(in.remaining()).isEqualTo(4 + IKE.length);
                assertThat(in.getInt()).as("non-ESP marker").isZero();
                byte[] body = new byte[in.remaining()];
                in.get(body);
                assertThat(body).isEqualTo(IKE);

                headend.send(ByteBuffer.allocate(4 + IKE.length).putInt(0).put(IKE).flip(), from);
                Datagram got = delivered.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(got).isNotNull();
                assertThat(got.data()).isEqualTo(IKE);
                assertThat(got.remote()).isEqualTo(headendAddress);

                // ESP in UDP starts with a non-zero SPI: it is not IKE and is not delivered as such.
                headend.send(ByteBuffer.allocate(12).putInt(0x12345678).putInt(1).putInt(0).flip(), from);
                headend.send(ByteBuffer.allocate(4 + IKE.length).putInt(0).put(IKE).flip(), from);
                assertThat(delivered.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
                assertThat(client.espReceived.get()).isEqualTo(1);
                assertThat(delivered).isEmpty();
            }
        }
    }
}
