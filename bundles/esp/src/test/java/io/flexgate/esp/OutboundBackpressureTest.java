package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.CLIENT_ADDRESS;
import static io.flexgate.esp.TestTunnel.CLIENT_IN;
import static io.flexgate.esp.TestTunnel.GATEWAY_IN;
import static io.flexgate.esp.TestTunnel.SERVER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.esp.TestTunnel.Suite;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Backpressure on the outbound path: while the socket's send queue is full the TUN reader waits before sealing,
 * so no packet is encrypted and then dropped; the sequence numbers on the wire stay contiguous (RFC 4303
 * section 3.3.3: one number per packet sent) and the reader resumes once the queue drains.
 */
class OutboundBackpressureTest {

    private static final Suite GCM = TestTunnel.suites().get(2);
    private static final int BURST = 40;

    /** A send queue the test fills and drains; forwards what it sends to the client data plane. */
    private static final class GatedTransport implements DataPlane.EspTransport {
        private final UserspaceEspDataPlane peer;
        final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
        /** Guarded by this. */
        private boolean writable = true;
        /** Threads inside awaitWritable now; guarded by this. */
        private int waiting;

        GatedTransport(UserspaceEspDataPlane peer) {
            this.peer = peer;
        }

        synchronized void writable(boolean w) {
            writable = w;
            notifyAll();
        }

        synchronized int waiting() {
            return waiting;
        }

        @Override
        public synchronized boolean awaitWritable(InetSocketAddress local, InetSocketAddress remote,
                long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            waiting++;
            try {
                while (!writable) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return true;
            } finally {
                waiting--;
            }
        }

        @Override
        public boolean send(ByteBuffer esp, InetSocketAddress local, InetSocketAddress remote) {
            synchronized (this) {
                if (!writable) {
                    return false;
                }
            }
            byte[] b = new byte[esp.remaining()];
            esp.duplicate().get(b);
            peer.receiveEncapsulated(ByteBuffer.wrap(b.clone()), remote, local);
            sent.add(b);
            return true;
        }
    }

    @Test
    void whileTheQueueIsFullNothingIsSealedAndAfterwardsEverySequenceNumberIsOnTheWire() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            GatedTransport gate = new GatedTransport(t.client);
            t.gateway.bindTransport(gate);
            t.gateway.processor().sendWait(TestTunnel.WAIT);

            gate.writable(false);
            List<byte[]> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                byte[] inner = InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 100 + i);
                burst.add(inner);
                assertThat(t.gatewayDevice().inject(inner)).isTrue();
            }
            // The reader holds the first packet and waits for the socket, the others stay in the TUN queue.
            TestTunnel.await(() -> gate.waiting() == 1);
            ChildSaCounters parked = t.gateway.counters(GATEWAY_IN).orElseThrow();
            assertThat(parked.packetsEncrypted()).isZero();
            assertThat(parked.dropsOutbound()).isZero();
            assertThat(gate.sent).isEmpty();

            gate.writable(true);
            TestTunnel.await(() -> gate.sent.size() == BURST);
            assertThat(sequenceNumbers(gate.sent)).containsExactly(LongStream.rangeClosed(1, BURST).boxed()
                    .toArray(Long[]::new));
            for (byte[] inner : burst) {
                assertThat(TestTunnel.written(t.clientDevice())).isEqualTo(inner);
            }
            ChildSaCounters after = t.gateway.counters(GATEWAY_IN).orElseThrow();
            assertThat(after.packetsEncrypted()).isEqualTo(BURST);
            assertThat(after.dropsOutbound()).isZero();
            assertThat(t.client.counters(CLIENT_IN).orElseThrow().packetsDecrypted()).isEqualTo(BURST);
        }
    }

    @Test
    void aQueueFullBeyondTheBoundedWaitDropsUnsealedPacketsAndTheReaderGoesOn() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            GatedTransport gate = new GatedTransport(t.client);
            t.gateway.bindTransport(gate);
            t.gateway.processor().sendWait(Duration.ofMillis(20));
            EspSaPair pair = t.gateway.pair(GATEWAY_IN);

            gate.writable(false);
            for (int i = 0; i < 3; i++) {
                assertThat(t.gatewayDevice().inject(InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 64))).isTrue();
            }
            TestTunnel.await(() -> pair.counters().outboundDrops(OutboundDrop.QUEUE_FULL) == 3);
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().packetsEncrypted()).isZero();
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().dropsOutbound()).isEqualTo(3);
            assertThat(pair.counters().outboundDropReasons()).isEqualTo("queue-full 3");

            gate.writable(true);
            byte[] next = InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 80);
            assertThat(t.gatewayDevice().inject(next)).isTrue();
            assertThat(t.gatewayDevice().inject(next)).isTrue();
            TestTunnel.await(() -> gate.sent.size() == 2);
            // The dropped packets took no sequence numbers: the client sees 1 and 2, no gap.
            assertThat(sequenceNumbers(gate.sent)).containsExactly(1L, 2L);
            assertThat(TestTunnel.written(t.clientDevice())).isEqualTo(next);
            assertThat(t.client.pair(CLIENT_IN).inbound().highestSequence()).isEqualTo(2);
        }
    }

    @Test
    void aPacketRefusedAfterSealingCountsAsASendFailure() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            t.gateway.bindTransport((esp, local, remote) -> false);
            EspSaPair pair = t.gateway.pair(GATEWAY_IN);
            assertThat(t.gatewayDevice().inject(InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 64))).isTrue();
            TestTunnel.await(() -> pair.counters().outboundDrops(OutboundDrop.SEND_FAILED) == 1);
            assertThat(pair.counters().outboundDrops(OutboundDrop.QUEUE_FULL)).isZero();
            assertThat(pair.counters().outboundDropReasons()).isEqualTo("send-failed 1");
            assertThat(t.gateway.counters(GATEWAY_IN).orElseThrow().dropsOutbound()).isEqualTo(1);
        }
    }

    /** The ESP sequence number field (RFC 4303 section 2.2) of each packet, in the order sent. */
    private static List<Long> sequenceNumbers(BlockingQueue<byte[]> sent) {
        List<Long> seqs = new ArrayList<>();
        for (byte[] esp : sent) {
            seqs.add(Integer.toUnsignedLong(Octets.getInt(esp, 4)));
        }
        return seqs;
    }
}
