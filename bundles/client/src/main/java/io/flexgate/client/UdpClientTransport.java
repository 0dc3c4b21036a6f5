package io.flexgate.client;

import io.flexgate.ikev2.transport.Datagram;
import io.flexgate.ikev2.transport.IkeTransport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket of one client session, on an ephemeral port. To the headend's port 4500 every IKE message
 * carries the 4-octet non-ESP marker (RFC 3948 section 2.2), and what comes back from 4500 without it is ESP,
 * counted and handed to the data path ({@link #esp}); the data path sends its ESP from this socket too
 * ({@link #sendEsp}). One-octet NAT keepalives (RFC 3948 section 2.3) are dropped.
 */
final class UdpClientTransport implements IkeTransport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpClientTransport.class);

    /** Largest datagram we read (RFC 7296 section 2: implementations MUST accept up to 1280; IKE fits 64 KiB). */
    static final int MAX_DATAGRAM = 65_535;
    static final int NATT_PORT = 4500;
    private static final int MARKER_LENGTH = 4;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final int natTPort;
    /** The session's own reader thread; null when a {@link SharedUdpReceiver} reads the socket. */
    private final Thread reader;
    private final Consumer<Datagram> deliver;
    final AtomicLong espReceived = new AtomicLong();
    private volatile EspReceiver esp = (packet, from) -> { };

    /** Where ESP in UDP goes: the packet from its SPI on, owned by the receiver only during the call. */
    @FunctionalInterface
    interface EspReceiver {
        void receive(ByteBuffer espPacket, InetSocketAddress from);
    }

    /**
     * Opens a socket towards {@code headend}; {@code deliver} gets every IKE message (on the reader thread).
     */
    UdpClientTransport(InetSocketAddress headend, Consumer<Datagram> deliver) throws IOException {
        this(headend, NATT_PORT, java.util.Optional.empty(), deliver);
    }

    /** With the headend's NAT-T port given (tests run the headend side on an ephemeral port). */
    UdpClientTransport(InetSocketAddress headend, int natTPort, Consumer<Datagram> deliver) throws IOException {
        this(headend, natTPort, java.util.Optional.empty(), deliver);
    }

    /** From {@code source} when given (load runs from several addresses), else from the kernel's choice. */
    UdpClientTransport(InetSocketAddress headend, int natTPort, java.util.Optional<java.net.InetAddress> source,
            Consumer<Datagram> deliver) throws IOException {
        this(headend, natTPort, source, deliver, null);
    }

    /**
     * As above; with {@code shared} the socket is read by that receiver's thread instead of one of its own (load
     * mode), and sends wait briefly when the non-blocking socket's buffer is full.
     */
    UdpClientTransport(InetSocketAddress headend, int natTPort, java.util.Optional<java.net.InetAddress> source,
            Consumer<Datagram> deliver, SharedUdpReceiver shared) throws IOException {
        this.natTPort = natTPort;
        this.deliver = deliver;
        this.channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(source.orElse(null), 0));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind to " + source.map(java.net.InetAddress::getHostAddress).orElse("*")
                    + ": " + e.getMessage(), e);
        }
        this.local = new InetSocketAddress(source.isPresent() ? source.get() : sourceAddressTowards(headend),
                ((InetSocketAddress) channel.getLocalAddress()).getPort());
        if (shared != null) {
            this.reader = null;
            try {
                shared.register(channel, this::datagram);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } else {
            this.reader = new Thread(this::readLoop, "flexgate-client-udp-" + local.getPort());
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Our address as the headend will see it without NAT: what the kernel's route picks. */
    private static java.net.InetAddress sourceAddressTowards(InetSocketAddress headend) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(headend);
            return probe.getLocalAddress();
        }
    }

    InetSocketAddress local() {
        return local;
    }

    /** Sets the data path that takes ESP arriving on this socket. */
    void esp(EspReceiver receiver) {
        this.esp = receiver;
    }

    /** Sends one ESP packet (from its SPI on) as a UDP datagram: no marker, RFC 3948 section 2.1. */
    boolean sendEsp(ByteBuffer espPacket, InetSocketAddress from, InetSocketAddress to) {
        try {
            return sendTo(espPacket, to);
        } catch (IOException e) {
            LOG.debug("ESP send to {} failed: {}", to, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean send(Datagram datagram) {
        byte[] data = datagram.data();
        ByteBuffer out;
        if (datagram.remote().getPort() == natTPort) {
            out = ByteBuffer.allocate(MARKER_LENGTH + data.length);
            out.put(new byte[MARKER_LENGTH]).put(data).flip();
        } else {
            out = ByteBuffer.wrap(data);
        }
        try {
            return sendTo(out, datagram.remote());
        } catch (IOException e) {
            LOG.debug("send to {} failed: {}", datagram.remote(), e.getMessage());
            return false;
        }
    }

    /** Bound for a send on a shared (non-blocking) socket whose buffer is full. */
    private static final long SEND_WAIT_NANOS = 50_000_000L;

    private boolean sendTo(ByteBuffer out, InetSocketAddress to) throws IOException {
        if (reader != null) {
            return channel.send(out, to) > 0; // a blocking socket waits for buffer space itself
        }
        long deadline = System.nanoTime() + SEND_WAIT_NANOS;
        while (channel.send(out, to) == 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        return true;
    }

    /** One datagram from the socket, from its first octet; owned by the caller, valid during the call. */
    private void datagram(ByteBuffer in, InetSocketAddress from) {
        if (from.getPort() == natTPort) {
            if (in.remaining() < MARKER_LENGTH) {
                return; // a NAT keepalive
            }
            if (in.getInt(in.position()) != 0) {
                espReceived.incrementAndGet();
                esp.receive(in, from);
                return;
            }
            in.position(in.position() + MARKER_LENGTH);
        }
        byte[] data = new byte[in.remaining()];
        in.get(data);
        deliver.accept(new Datagram(data, local, from));
    }

    private void readLoop() {
        ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
        while (channel.isOpen()) {
            try {
                in.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(in);
                in.flip();
                datagram(in, from);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("receive failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
    }
}
