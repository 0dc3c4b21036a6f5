package io.flexgate.esp;

import io.flexgate.api.dataplane.DataPlane.EspTransport;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet paths. Inbound (RFC 4303 section 3.4): SPI lookup, anti-replay, ICV, decryption, trailer and
 * tunnel-mode checks, then the inner packet to the TUN device. Outbound (section 3.3): SA by inner
 * destination, encryption, then UDP-encapsulated (RFC 3948) through the engine's transport. Stateless apart
 * from per-thread scratch buffers, so any number of threads may run it; per-SA state is in the SAs.
 */
final class EspProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EspProcessor.class);
    /** Largest inner packet that still fits in one UDP datagram once encapsulated (and leaves the TUN
     *  read buffer room for the trailer). */
    static final int MAX_INNER = EspPacket.MAX_PACKET - EspPacket.MAX_OVERHEAD;
    /**
     * How long a TUN reader waits for the socket's send queue to take a packet before it drops the packet
     * unsealed. Long enough to ride out an event loop that a loaded machine did not schedule for a while, short
     * enough that a reader never hangs on a socket that stopped sending (and well below
     * {@link TunPort#READER_JOIN_MILLIS}, so closing a device still finds its reader gone).
     */
    static final long DEFAULT_SEND_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** What the data plane does when a lifetime runs out. */
    interface Expiries {
        void soft(EspSaPair pair);

        void hard(EspSaPair pair);
    }

    /** Per-thread buffers of the inbound path: no allocation per packet. */
    private static final class Scratch {
        final byte[] in = new byte[EspPacket.MAX_PACKET];
        final byte[] out = new byte[EspPacket.MAX_PACKET];
        final ByteBuffer outView = ByteBuffer.wrap(out);
        /** Made on the first packet this thread holds back. */
        Held held;

        Held held() {
            if (held == null) {
                held = new Held();
            }
            return held;
        }
    }

    /** A thread's inner packets held back for its batch, with the port each goes to. */
    private static final class Held {
        /** A batch is at most as long as a transport's read (32 datagrams); more is written at once. */
        static final int MAX_PACKETS = 64;
        static final int CAPACITY = 256 * 1024;
        final ByteBuffer region = ByteBuffer.allocateDirect(CAPACITY);
        final ByteBuffer[] views = new ByteBuffer[MAX_PACKETS];
        final TunPort[] ports = new TunPort[MAX_PACKETS];
        int count;
        int used;

        Held() {
            for (int i = 0; i < MAX_PACKETS; i++) {
                views[i] = region.duplicate();
            }
        }
    }

    private final SaDatabase sad;
    private final Clock clock;
    private final Expiries expiries;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final AtomicLong inboundNoSa = new AtomicLong();
    private final AtomicLong inboundMalformed = new AtomicLong();
    private final AtomicLong inboundUndeliverable = new AtomicLong();
    private final AtomicLong outboundNoSa = new AtomicLong();
    private volatile EspTransport transport;
    private volatile long sendWaitNanos = DEFAULT_SEND_WAIT_NANOS;

    EspProcessor(SaDatabase sad, Clock clock, Expiries expiries) {
        this.sad = sad;
        this.clock = clock;
        this.expiries = expiries;
    }

    void transport(EspTransport transport) {
        this.transport = transport;
    }

    /** The bound on a reader's wait for a full send queue ({@link #DEFAULT_SEND_WAIT_NANOS} unless set). */
    void sendWait(Duration wait) {
        this.sendWaitNanos = wait.toNanos();
    }

    /** An ESP packet from the peer, from its SPI on (position to limit); the buffer is not kept. */
    void inbound(ByteBuffer esp) {
        inbound(esp, false);
    }

    /**
     * As {@link #inbound(ByteBuffer)}, but the inner packet is held back until {@link #flushHeld()} on this thread,
     * so that a batch's packets reach each TUN device in one call.
     */
    void inboundInBatch(ByteBuffer esp) {
        inbound(esp, true);
    }

    /** Writes the inner packets this thread held back, each device's in one call. */
    void flushHeld() {
        Held h = scratch.get().held;
        if (h != null && h.count > 0) {
            flush(h);
        }
    }

    private void inbound(ByteBuffer esp, boolean hold) {
        int len = esp.remaining();
        if (len < EspPacket.HEADER_LENGTH || len > EspPacket.MAX_PACKET) {
            inboundMalformed.incrementAndGet();
            return;
        }
        Scratch s = scratch.get();
        byte[] packet;
        int off;
        if (esp.hasArray()) {
            packet = esp.array();
            off = esp.arrayOffset() + esp.position();
        } else {
            esp.get(esp.position(), s.in, 0, len);
            packet = s.in;
            off = 0;
        }
        int spi = Octets.getInt(packet, off);
        EspSaPair pair = sad.byInboundSpi(spi);
        if (pair == null) {
            inboundNoSa.incrementAndGet();
            if (LOG.isDebugEnabled()) {
                LOG.debug("ESP with unknown SPI {} dropped", Integer.toHexString(spi));
            }
            return;
        }
        int result = pair.inbound().open(packet, off, len, s.out, 0);
        if (result < 0) {
            pair.counters().dropped(Drop.of(result));
            return;
        }
        int nextHeader = InboundSa.nextHeader(result);
        if (nextHeader == EspPacket.NEXT_HEADER_NONE) {
            return;
        }
        int inner = tunnelledPacketLength(pair, s.out, InboundSa.payloadLength(result), nextHeader);
        if (inner < 0) {
            pair.counters().dropped(Drop.MALFORMED);
            return;
        }
        long total = pair.counters().decrypted(inner);
        TunPort port = pair.port();
        if (port == null) {
            inboundUndeliverable.incrementAndGet();
        } else if (hold) {
            hold(s.held(), port, s.out, inner);
        } else if (!port.write(s.outView.limit(inner).position(0))) {
            inboundUndeliverable.incrementAndGet();
        }
        if (pair.lifetime().bytesDue(total)) {
            checkExpiry(pair);
        }
    }

    private void hold(Held h, TunPort port, byte[] packet, int length) {
        if (h.count == Held.MAX_PACKETS || h.used + length > Held.CAPACITY) {
            flush(h);
        }
        int offset = h.used;
        h.region.put(offset, packet, 0, length);
        h.views[h.count].clear().position(offset).limit(offset + length);
        h.ports[h.count] = port;
        h.count++;
        h.used += length;
    }

    private void flush(Held h) {
        int i = 0;
        while (i < h.count) {
            TunPort port = h.ports[i];
            int j = i + 1;
            while (j < h.count && h.ports[j] == port) {
                j++;
            }
            if (!port.write(h.views, i, j - i)) {
                inboundUndeliverable.addAndGet(j - i);
            }
            i = j;
        }
        Arrays.fill(h.ports, 0, h.count, null);
        h.count = 0;
        h.used = 0;
    }

    /**
     * Length of the tunnelled IP packet at {@code b[0..payload)} without any TFC padding after it (RFC 4303
     * section 2.7), or -1 when it is not an IP packet of the version its next header names, or its
     * addresses lie outside the SA's traffic selectors (RFC 4301 section 5.2, step 4).
     */
    private static int tunnelledPacketLength(EspSaPair pair, byte[] b, int payload, int nextHeader) {
        int version = payload > 0 ? (b[0] & 0xff) >>> 4 : 0;
        int length;
        if (nextHeader == EspPacket.NEXT_HEADER_IPV4 && version == 4 && payload >= EspPacket.IPV4_HEADER) {
            length = Octets.getUnsignedShort(b, 2);
            int headerLength = (b[0] & 0x0f) * 4;
            if (headerLength < EspPacket.IPV4_HEADER || length < headerLength || length > payload
                    || !pair.selectorsMatch(b, 12, 16, 4)) {
                return -1;
            }
        } else if (nextHeader == EspPacket.NEXT_HEADER_IPV6 && version == 6 && payload >= EspPacket.IPV6_HEADER) {
            length = EspPacket.IPV6_HEADER + Octets.getUnsignedShort(b, 4);
            if (length > payload || !pair.selectorsMatch(b, 8, 24, 16)) {
                return -1;
            }
        } else {
            return -1;
        }
        return length;
    }

    /**
     * An inner packet read from a TUN device ({@code inner[off..off+len)}), sealed into {@code out} and sent.
     * Called by the device's reader thread, which owns {@code out} and {@code outView}.
     *
     * <p>Backpressure: before sealing, the reader waits (bounded) until the socket can take the packet. A packet
     * sealed and then dropped by a full queue would cost the encryption and a sequence number, and the sender's
     * TCP would see loss instead of a slower path; waiting here lets the TUN device's queue fill instead, which
     * the kernel turns into backpressure on the inner flows. No allocation on this path.
     */
    void outbound(byte[] inner, int off, int len, byte[] out, ByteBuffer outView) {
        EspSaPair pair = sad.byInnerDestination(inner, off, len);
        if (pair == null) {
            outboundNoSa.incrementAndGet();
            return;
        }
        EspTransport t = transport;
        if (t == null) {
            pair.counters().droppedOutbound(OutboundDrop.NO_TRANSPORT);
            return;
        }
        if (len > MAX_INNER) {
            pair.counters().droppedOutbound(OutboundDrop.TOO_LARGE);
            return;
        }
        EspSaPair.Endpoints to = pair.endpoints();
        if (!awaitWritable(t, to)) {
            pair.counters().droppedOutbound(OutboundDrop.QUEUE_FULL);
            return;
        }
        int version = (inner[off] & 0xff) >>> 4;
        int nextHeader = version == 4 ? EspPacket.NEXT_HEADER_IPV4 : EspPacket.NEXT_HEADER_IPV6;
        int n = pair.outbound().seal(inner, off, len, nextHeader, out, 0);
        if (n < 0) {
            pair.counters().droppedOutbound(OutboundDrop.SEQUENCE_EXHAUSTED);
            if (n == OutboundSa.SEQUENCE_EXHAUSTED) {
                checkExpiry(pair);
            }
            return;
        }
        long total = pair.counters().encrypted(len);
        outView.limit(n).position(0);
        to = pair.endpoints();
        if (!t.send(outView, to.local(), to.remote())) {
            pair.counters().droppedOutbound(OutboundDrop.SEND_FAILED);
        }
        if (pair.lifetime().bytesDue(total) || pair.outbound().rekeyDue()) {
            checkExpiry(pair);
        }
    }

    private boolean awaitWritable(EspTransport t, EspSaPair.Endpoints to) {
        try {
            return t.awaitWritable(to.local(), to.remote(), sendWaitNanos);
        } catch (InterruptedException e) {
            // Only a reader being stopped is interrupted: keep the flag for its loop.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reports a soft or hard expiry of {@code pair} that is due now (each at most once). */
    void checkExpiry(EspSaPair pair) {
        switch (pair.lifetime().check(clock.instant(), pair.counters().maxBytes(), pair.outbound().rekeyDue())) {
            case SOFT -> expiries.soft(pair);
            case HARD -> expiries.hard(pair);
            case NONE -> {
                // nothing due
            }
        }
    }

    /** ESP dropped before an SA was found: unknown SPI. */
    long inboundNoSa() {
        return inboundNoSa.get();
    }

    /** ESP too short or too long to carry an SPI and sequence number. */
    long inboundMalformed() {
        return inboundMalformed.get();
    }

    /** Decrypted packets that could not be written to a TUN device. */
    long inboundUndeliverable() {
        return inboundUndeliverable.get();
    }

    /** Inner packets read from TUN for which no SA covers the destination. */
    long outboundNoSa() {
        return outboundNoSa.get();
    }
}
