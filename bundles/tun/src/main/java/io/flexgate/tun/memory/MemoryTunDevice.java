package io.flexgate.tun.memory;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunFactory.TunSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory TUN device with two bounded queues: what the data plane {@link #write writes} a test
 * {@link #takeWritten takes}; what a test {@link #inject injects} the data plane {@link #read reads}, which
 * blocks until a packet arrives or the device closes. Like a kernel interface queue, a write into a full
 * queue drops the packet and counts it.
 */
public final class MemoryTunDevice implements TunDevice {

    /** Packets each queue holds. */
    public static final int QUEUE_CAPACITY = 1024;
    /** The largest IP packet. */
    public static final int MAX_PACKET = 65_535;

    /** Put into the inbound queue on close to wake the reader. */
    private static final byte[] CLOSED = new byte[0];

    private final String name;
    private final int mtu;
    private final Optional<InetAddress> localAddress;
    private final Consumer<String> onClose;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 1);
    private final BlockingQueue<byte[]> outbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Set<IpPrefix> routes = new ConcurrentSkipListSet<>();
    private final AtomicLong droppedWrites = new AtomicLong();
    private volatile boolean closed;

    MemoryTunDevice(TunSpec spec, Consumer<String> onClose) {
        this.name = spec.name();
        this.mtu = spec.mtu();
        this.localAddress = spec.localAddress();
        this.onClose = onClose;
    }

    /** The gateway's address the device was opened with ({@code ip unnumbered}), for tests to check. */
    public Optional<InetAddress> localAddress() {
        return localAddress;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code into} has less room than the MTU, as the Linux device
     */
    @Override
    public int read(ByteBuffer into) throws IOException {
        if (into.remaining() < mtu) {
            throw new IllegalArgumentException(name + ": read buffer has " + into.remaining()
                    + " bytes of room, the MTU is " + mtu);
        }
        if (closed) {
            return -1;
        }
        byte[] packet;
        try {
            packet = inbound.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": read interrupted");
        }
        if (packet == CLOSED) {
            return -1;
        }
        into.put(packet);
        return packet.length;
    }

    @Override
    public void write(ByteBuffer packet) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (packet.remaining() > MAX_PACKET) {
            throw new IllegalArgumentException(name + ": packet of " + packet.remaining() + " bytes exceeds "
                    + MAX_PACKET);
        }
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        if (!outbound.offer(copy)) {
            droppedWrites.incrementAndGet();
        }
    }

    @Override
    public void addRoute(IpPrefix prefix) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        routes.add(prefix);
    }

    @Override
    public void removeRoute(IpPrefix prefix) {
        routes.remove(prefix);
    }

    @Override
    public void close() {
        synchronized (inbound) {
            if (closed) {
                return;
            }
            closed = true;
            inbound.clear();
            inbound.offer(CLOSED);
        }
        routes.clear();
        onClose.accept(name);
    }

    // ---- the test's side ----

    /**
     * Queues a packet for {@link #read} (copied).
     *
     * @return false when the device is closed or the queue is full
     * @throws IllegalArgumentException for a packet larger than the MTU, which a kernel would not deliver
     */
    public boolean inject(byte[] packet) {
        if (packet.length > mtu) {
            throw new IllegalArgumentException(name + ": packet of " + packet.length + " bytes exceeds the MTU "
                    + mtu);
        }
        synchronized (inbound) {
            // The spare slot stays free for the close marker.
            return !closed && inbound.remainingCapacity() > 1 && inbound.offer(packet.clone());
        }
    }

    /** Takes the next packet the data plane wrote, waiting at most {@code timeout}. */
    public Optional<byte[]> takeWritten(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(outbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Packets dropped because the test did not take them fast enough. */
    public long droppedWrites() {
        return droppedWrites.get();
    }

    /** The routes into this device, sorted. */
    public List<IpPrefix> routes() {
        return List.copyOf(routes);
    }

    public boolean isClosed() {
        return closed;
    }
}
