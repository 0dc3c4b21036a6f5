package io.flexgate.ikev2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The ESP write path of the NAT-T socket: what is sent, and the wait for a full send queue to drain. */
class UdpIkeTransportWriteTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void espLeavesTheNatTPortAsGivenFromTheBuffersPositionAndTheSocketTakesItWithoutWaiting() throws Exception {
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0),
                new InetSocketAddress(LOOPBACK, 0), d -> { }, () -> null);
                DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            InetSocketAddress remote = (InetSocketAddress) peer.getLocalSocketAddress();
            assertThat(t.awaitWritable(t.natTAddress(), remote, 0)).isTrue();
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 9, 0, 0, 0x10, 1, 0, 0, 0, 7, 42});
            buffer.position(2);
            assertThat(t.send(buffer, t.natTAddress(), remote)).isTrue();
            // The caller's buffer is left as it was (the data plane reuses it).
            assertThat(buffer.position()).isEqualTo(2);

            DatagramPacket in = new DatagramPacket(new byte[100], 100);
            peer.setSoTimeout(10_000);
            peer.receive(in);
            assertThat(Arrays.copyOf(in.getData(), in.getLength())).containsExactly(0, 0, 0x10, 1, 0, 0, 0, 7, 42);
            assertThat(in.getPort()).isEqualTo(t.natTAddress().getPort());
            assertThat(t.dropped()).isZero();

            t.close();
            assertThat(t.awaitWritable(t.natTAddress(), remote, WAIT_NANOS)).isFalse();
            assertThat(t.send(ByteBuffer.wrap(new byte[] {0, 0, 0x10, 1}), t.natTAddress(), remote)).isFalse();
            assertThat(t.dropped()).isEqualTo(1);
        }
    }

    @Test
    void espFromSeveralThreadsAtOnceArrivesWholeEachPacketAsItsThreadSealedIt() throws Exception {
        int threads = 4;
        int perThread = 300;
        try (UdpIkeTransport t = new UdpIkeTransport(new InetSocketAddress(LOOPBACK, 0),
                new InetSocketAddress(LOOPBACK, 0), d -> { }, () -> null);
                DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            peer.setReceiveBufferSize(4 * 1024 * 1024);
            InetSocketAddress remote = (InetSocketAddress) peer.getLocalSocketAddress();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int id = 1; id <= threads; id++) {
                    byte thread = (byte) id;
                    pool.execute(() -> {
                        byte[] packet = new byte[200 + thread];
                        for (int n = 0; n < perThread; n++) {
                            // SPI, then the thread's id in every octet: a packet mixing two threads' buffers shows.
                            Arrays.fill(packet, thread);
                            packet[0] = 0x10;
                            t.send(ByteBuffer.wrap(packet), t.natTAddress(), remote);
                        }
                    });
                }
                peer.setSoTimeout(10_000);
                int[] received = new int[threads + 1];
                for (int n = 0; n < threads * perThread; n++) {
                    DatagramPacket in = new DatagramPacket(new byte[1000], 1000);
                    peer.receive(in);
                    byte thread = in.getData()[1];
                    assertThat(in.getLength()).isEqualTo(200 + thread);
                    for (int i = 1; i < in.getLength(); i++) {
                        assertThat(in.getData()[i]).isEqualTo(thread);
                    }
                    received[thread]++;
                }
                assertThat(Arrays.stream(received).skip(1)).containsOnly(perThread);
                assertThat(t.dropped()).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aWaiterResumesWhenTheSocketBecomesWritableAndGivesUpAtItsBound() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        UdpIkeTransport.WritableSignal signal = new UdpIkeTransport.WritableSignal();
        // Unwritable as a full send queue makes it (user-defined writability bit: same flag for isWritable()).
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(ch.isWritable()).isFalse();
        assertThat(signal.await(ch, TimeUnit.MILLISECONDS.toNanos(20))).isFalse();

        FutureTask<Boolean> waiter = waitFor(signal, ch);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        signal.signal();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();

        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        FutureTask<Boolean> closing = waitFor(signal, ch);
        ch.close();
        signal.signal();
        assertThat(closing.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void ikeMessagesStillJoinAQueueThatEspFilledUpToItsLimit() {
        EmbeddedChannel ch = new EmbeddedChannel();
        assertThat(UdpIkeTransport.mayWriteIke(ch)).isTrue();
        // Unwritable as ESP leaves it under bulk load, with little queued: a DPD answer still goes out.
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(UdpIkeTransport.mayWriteIke(ch)).isTrue();
        // Beyond the limit: dropped (IKE retransmits), so the queue stays bounded.
        ch.unsafe().outboundBuffer().addMessage(Unpooled.buffer(UdpIkeTransport.IKE_QUEUE_LIMIT)
                .writeZero(UdpIkeTransport.IKE_QUEUE_LIMIT), UdpIkeTransport.IKE_QUEUE_LIMIT, ch.newPromise());
        assertThat(UdpIkeTransport.mayWriteIke(ch)).isFalse();
        ch.close();
        assertThat(UdpIkeTransport.mayWriteIke(ch)).isFalse();
    }

    /**
     * {@code signal.await(ch)} on a thread of its own, bounded by {@link #WAIT_NANOS}; returns once that thread
     * waits in it, so that what the test does next happens during the wait.
     */
    private static FutureTask<Boolean> waitFor(UdpIkeTransport.WritableSignal signal, EmbeddedChannel ch) {
        FutureTask<Boolean> task = new FutureTask<>(() -> signal.await(ch, WAIT_NANOS));
        Thread waiter = new Thread(task, "writable-waiter");
        waiter.setDaemon(true);
        waiter.start();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime() - deadline).as("waiter parked within the bound").isNegative();
            LockSupport.parkNanos(1_000_000);
        }
        return task;
    }
}
