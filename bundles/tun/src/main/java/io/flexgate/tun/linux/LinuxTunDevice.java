package io.flexgate.tun.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.tun.packet.MssClamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux TUN interface ({@code IFF_TUN | IFF_NO_PI}) that lives as long as its file descriptor.
 *
 * <p>The descriptor is non-blocking. A read first tries {@code read(2)} and only when no packet is queued
 * waits in {@code poll(2)} on the descriptor and an eventfd; {@link #close()} signals the eventfd, because
 * closing a descriptor does not wake a thread blocked in {@code read(2)} on it. The descriptor is closed
 * only after every read and write in progress has left, so its number can never be reused under a
 * running call.
 *
 * <p>TCP SYNs are MSS-clamped to the device MTU in both directions ({@link MssClamp}), in place: a packet
 * passed to {@link #write} may be changed in its buffer.
 *
 * <p>Direct buffers go straight to the kernel; heap and read-only buffers pass through a per-thread
 * direct scratch buffer (one copy).
 */
final class LinuxTunDevice implements TunDevice {

    /** The largest IP packet (RFC 791 total length is 16 bits). */
    static final int MAX_PACKET = 65_535;
    /** How long {@link #close()} waits for reads and writes in progress to leave. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(LinuxTunDevice.class);
    private static final long EVENTFD_INCREMENT = 1;

    private final String name;
    private final int mtu;
    private final int fd;
    private final int wakeFd;
    private final int ifIndex;
    private final RtNetlink netlink;
    private final Consumer<LinuxTunDevice> onClose;
    /** Two {@code struct pollfd}; used by the single reader only. */
    private final Memory pollFds = new Memory(2L * LibC.POLLFD_SIZE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private final Set<IpPrefix> routes = new HashSet<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::allocate);

    /**
     * @param ifIndex the device's interface index, which its routes name
     * @param netlink the device's own rtnetlink socket, closed with the device
     */
    LinuxTunDevice(String name, int mtu, int fd, int wakeFd, int ifIndex, RtNetlink netlink,
            Consumer<LinuxTunDevice> onClose) {
        this.name = name;
        this.mtu = mtu;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.ifIndex = ifIndex;
        this.netlink = netlink;
        this.onClose = onClose;
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
     * @throws IllegalArgumentException when {@code into} has less room than the MTU
     */
    @Override
    public int read(ByteBuffer into) throws IOException {
        if (into.remaining() < mtu) {
            throw new IllegalArgumentException(name + ": read buffer has " + into.remaining()
                    + " bytes of room, the MTU is " + mtu);
        }
        if (!enter()) {
            return -1;
        }
        try {
            boolean direct = into.isDirect() && !into.isReadOnly();
            Scratch s = direct ? null : scratch.get();
            long address = direct ? addressOf(into) + into.position() : s.address;
            int room = direct ? into.remaining() : Math.min(into.remaining(), MAX_PACKET);
            while (true) {
                long n = LibC.read(fd, address, room);
                if (n >= 0) {
                    return deliver(into, s, (int) n);
                }
                int errno = Native.getLastError();
                if (errno == LibC.EAGAIN) {
                    if (!awaitReadable()) {
                        return -1;
                    }
                } else if (errno != LibC.EINTR) {
                    throw new IOException(name + ": read failed, errno " + errno);
                }
            }
        } finally {
            leave();
        }
    }

    private int deliver(ByteBuffer into, Scratch s, int length) {
        if (s == null) {
            int start = into.position();
            int limit = into.limit();
            into.limit(start + length);
            MssClamp.clamp(into, mtu);
            into.limit(limit).position(start + length);
        } else {
            ByteBuffer packet = s.buffer.clear().limit(length);
            MssClamp.clamp(packet, mtu);
            into.put(packet);
        }
        return length;
    }

    /** Waits until the device is readable or closing; false once closing. */
    private boolean awaitReadable() throws IOException {
        while (!closed) {
            pollFds.setInt(0, fd);
            pollFds.setShort(4, LibC.POLLIN);
            pollFds.setShort(6, (short) 0);
            pollFds.setInt(LibC.POLLFD_SIZE, wakeFd);
            pollFds.setShort(LibC.POLLFD_SIZE + 4L, LibC.POLLIN);
            pollFds.setShort(LibC.POLLFD_SIZE + 6L, (short) 0);
            int ready = LibC.poll(pollFds, 2, -1);
            if (ready > 0) {
                return !closed;
            }
            int errno = Native.getLastError();
            if (ready < 0 && errno != LibC.EINTR) {
                throw new IOException(name + ": poll failed, errno " + errno);
            }
        }
        return false;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A TCP SYN is MSS-clamped in place first. The position moves to the limit.
     */
    @Override
    public void write(ByteBuffer packet) throws IOException {
        int length = packet.remaining();
        if (length > MAX_PACKET) {
            throw new IllegalArgumentException(name + ": packet of " + length + " bytes exceeds " + MAX_PACKET);
        }
        if (!enter()) {
            throw new ClosedChannelException();
        }
        try {
            long address;
            if (packet.isDirect() && !packet.isReadOnly()) {
                MssClamp.clamp(packet, mtu);
                address = addressOf(packet) + packet.position();
            } else {
                Scratch s = scratch.get();
                ByteBuffer copy = s.buffer.clear();
                copy.put(packet.duplicate()).flip();
                MssClamp.clamp(copy, mtu);
                address = s.address;
            }
            while (LibC.write(fd, address, length) < 0) {
                int errno = Native.getLastError();
                if (errno != LibC.EINTR) {
                    throw new IOException(name + ": write of " + length + " bytes failed, errno " + errno);
                }
            }
            packet.position(packet.limit());
        } finally {
            leave();
        }
    }

    @Override
    public void addRoute(IpPrefix prefix) throws IOException {
        synchronized (routes) {
            ensureOpen();
            if (routes.contains(prefix)) {
                return;
            }
            netlink.replaceRoute(name, ifIndex, prefix);
            routes.add(prefix);
        }
        LOG.debug("{}: route {} added", name, prefix);
    }

    @Override
    public void removeRoute(IpPrefix prefix) throws IOException {
        synchronized (routes) {
            if (closed || !routes.contains(prefix)) {
                // Closing the device took its routes with it.
                return;
            }
            netlink.deleteRoute(name, ifIndex, prefix);
            routes.remove(prefix);
        }
        LOG.debug("{}: route {} removed", name, prefix);
    }

    /** The routes added through this device, sorted. */
    List<IpPrefix> routes() {
        synchronized (routes) {
            return routes.stream().sorted().toList();
        }
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        wakeReader();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (inFlight.get() > 0) {
            // Closing now could hand the number to a new file while a call still uses it.
            LOG.warn("{}: {} read/write call(s) still running after {} ms; leaving its file descriptor open",
                    name, inFlight.get(), CLOSE_WAIT_MILLIS);
        } else {
            LibC.close(fd);
            LibC.close(wakeFd);
        }
        synchronized (routes) {
            routes.clear();
        }
        netlink.close();
        onClose.accept(this);
        LOG.info("TUN device {} closed and removed", name);
    }

    boolean isClosed() {
        return closed;
    }

    private void wakeReader() {
        try (Memory one = new Memory(Long.BYTES)) {
            one.setLong(0, EVENTFD_INCREMENT);
            if (LibC.write(wakeFd, Pointer.nativeValue(one), Long.BYTES) < 0) {
                LOG.warn("{}: could not wake the reader, errno {}", name, Native.getLastError());
            }
        }
    }

    private boolean enter() {
        inFlight.incrementAndGet();
        if (closed) {
            leave();
            return false;
        }
        return true;
    }

    private void leave() {
        inFlight.decrementAndGet();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private static long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /** A direct buffer for heap-buffer callers, with its address looked up once. */
    private record Scratch(ByteBuffer buffer, long address) {
        static Scratch allocate() {
            ByteBuffer b = ByteBuffer.allocateDirect(MAX_PACKET);
            return new Scratch(b, addressOf(b));
        }
    }
}
