package io.flexgate.tun.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.tun.packet.MssClamp;
import io.flexgate.tun.packet.TcpGso;
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
 * A Linux TUN interface ({@code IFF_TUN | IFF_NO_PI | IFF_VNET_HDR}) that lives as long as its file descriptor.
 *
 * <p>Every packet read or written is preceded by a {@code struct virtio_net_hdr}, which stays inside this class.
 * {@link #write(ByteBuffer[], int, int)} uses it to hand consecutive TCP segments of one flow to the kernel as one
 * GSO packet ({@link TcpGso}); everything else goes out behind an empty header. The factory lets the kernel hand
 * over partial checksums and IPv4 TCP super-packets ({@code TUNSETOFFLOAD} with {@code TUN_F_CSUM | TUN_F_TSO4}):
 * {@link #read} completes the checksums and cuts a super-packet into segments of its GSO size, one per call, so
 * that callers still read one packet no longer than the MTU at a time.
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
    /**
     * The single reader's own: the virtio header and the packet last read (up to a 64 KiB super-packet), the two
     * iovecs that point at them, and the super-packet being cut (its length, GSO size, next and count of segments).
     */
    private final Memory readHeader = new Memory(TcpGso.VNET_HDR);
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(MAX_PACKET);
    private final Memory readIov = new Memory(2L * LibC.IOVEC_SIZE);
    private volatile long superPacketsRead;
    private int gsoLength;
    private int gsoSize;
    private int gsoNext;
    private int gsoCount;
    /** An empty virtio header, never written after construction. */
    private final Memory emptyHeader = new Memory(TcpGso.VNET_HDR);
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
        emptyHeader.clear();
        readIov.setLong(0, Pointer.nativeValue(readHeader));
        readIov.setLong(Long.BYTES, TcpGso.VNET_HDR);
        readIov.setLong(2L * Long.BYTES, addressOf(readBuffer));
        readIov.setLong(3L * Long.BYTES, MAX_PACKET);
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
            while (true) {
                if (gsoNext < gsoCount) {
                    ByteBuffer gso = readBuffer.clear().limit(gsoLength);
                    return TcpGso.segment(gso, gsoSize, gsoNext++, into);
                }
                int n = readPacket();
                if (n < 0) {
                    return -1;
                }
                ByteBuffer packet = readBuffer.clear().limit(n);
                int gsoType = readHeader.getByte(TcpGso.HDR_GSO_TYPE) & 0xff & ~TcpGso.GSO_ECN;
                if (gsoType == TcpGso.GSO_TCPV4) {
                    int size = readHeader.getShort(TcpGso.HDR_GSO_SIZE) & 0xffff;
                    int count = TcpGso.segments(packet, size);
                    if (count == 0 || TcpGso.headers(packet) + size > into.remaining()) {
                        LOG.debug("{}: GSO packet of {} bytes (segments of {}) dropped", name, n, size);
                        continue;
                    }
                    superPacketsRead++;
                    gsoLength = n;
                    gsoSize = size;
                    gsoNext = 0;
                    gsoCount = count;
                    continue;
                }
                if (gsoType != 0 || n > into.remaining()) {
                    LOG.debug("{}: packet of {} bytes, GSO type {}, dropped", name, n, gsoType);
                    continue;
                }
                if ((readHeader.getByte(TcpGso.HDR_FLAGS) & TcpGso.NEEDS_CSUM) != 0) {
                    TcpGso.completeChecksum(packet, readHeader.getShort(TcpGso.HDR_CSUM_START) & 0xffff,
                            readHeader.getShort(TcpGso.HDR_CSUM_OFFSET) & 0xffff);
                }
                MssClamp.clamp(packet, mtu);
                into.put(packet);
                return n;
            }
        } finally {
            leave();
        }
    }

    /** Reads the next packet and its virtio header; its length, or -1 once the device is closing. */
    private int readPacket() throws IOException {
        while (true) {
            long n = LibC.readv(fd, Pointer.nativeValue(readIov), 2) - TcpGso.VNET_HDR;
            if (n >= 0) {
                return (int) n;
            }
            if (n > -TcpGso.VNET_HDR) {
                throw new IOException(name + ": read returned " + (n + TcpGso.VNET_HDR) + " bytes, less than the"
                        + " virtio header");
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
            writeOne(packet, scratch.get());
        } finally {
            leave();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Consecutive IPv4 TCP segments of one flow go to the kernel as one GSO packet ({@link TcpGso}), each other
     * packet as {@link #write(ByteBuffer)} writes it.
     */
    @Override
    public void write(ByteBuffer[] packets, int offset, int count) throws IOException {
        if (!enter()) {
            throw new ClosedChannelException();
        }
        try {
            Scratch s = scratch.get();
            int end = offset + count;
            int i = offset;
            while (i < end) {
                int run = TcpGso.run(packets, i, end, TcpGso.MAX_MERGED);
                if (run == 1) {
                    ByteBuffer packet = packets[i];
                    if (packet.remaining() > MAX_PACKET) {
                        throw new IllegalArgumentException(name + ": packet of " + packet.remaining()
                                + " bytes exceeds " + MAX_PACKET);
                    }
                    writeOne(packet, s);
                } else {
                    ByteBuffer out = s.buffer.clear();
                    TcpGso.write(packets, i, run, out);
                    s.iov.setLong(0, s.address);
                    s.iov.setLong(Long.BYTES, out.position());
                    writev(s.iov, 1, out.position() - TcpGso.VNET_HDR);
                }
                i += run;
            }
        } finally {
            leave();
        }
    }

    /**
     * One packet behind an empty virtio header, straight from a direct buffer or through the thread's scratch
     * buffer; a TCP SYN is MSS-clamped in place first.
     */
    private void writeOne(ByteBuffer packet, Scratch s) throws IOException {
        int length = packet.remaining();
        long address;
        if (packet.isDirect() && !packet.isReadOnly()) {
            MssClamp.clamp(packet, mtu);
            address = addressOf(packet) + packet.position();
        } else {
            ByteBuffer copy = s.buffer.clear();
            copy.put(packet.duplicate()).flip();
            MssClamp.clamp(copy, mtu);
            address = s.address;
        }
        s.iov.setLong(0, Pointer.nativeValue(emptyHeader));
        s.iov.setLong(Long.BYTES, TcpGso.VNET_HDR);
        s.iov.setLong(2L * Long.BYTES, address);
        s.iov.setLong(3L * Long.BYTES, length);
        writev(s.iov, 2, length);
        packet.position(packet.limit());
    }

    /** {@code writev(2)} of {@code count} iovecs, retried on EINTR; {@code length} is the packet's, for the error. */
    private void writev(Memory iov, int count, int length) throws IOException {
        while (LibC.writev(fd, Pointer.nativeValue(iov), count) < 0) {
            int errno = Native.getLastError();
            if (errno != LibC.EINTR) {
                throw new IOException(name + ": write of " + length + " bytes failed, errno " + errno);
            }
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

    /** How many TCP super-packets the kernel handed this device and {@link #read} cut. */
    long superPacketsRead() {
        return superPacketsRead;
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

    /**
     * A thread's direct buffer (room for a virtio header and the largest packet, for heap-buffer callers and
     * merged packets), with its address looked up once, and its two iovecs.
     */
    private record Scratch(ByteBuffer buffer, long address, Memory iov) {
        static Scratch allocate() {
            ByteBuffer b = ByteBuffer.allocateDirect(TcpGso.VNET_HDR + MAX_PACKET);
            return new Scratch(b, addressOf(b), new Memory(2L * LibC.IOVEC_SIZE));
        }
    }
}
