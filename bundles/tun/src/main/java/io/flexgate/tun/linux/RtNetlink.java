package io.flexgate.tun.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.flexgate.api.net.IpPrefix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * One long-lived rtnetlink socket ({@code NETLINK_ROUTE}) that adds and removes a TUN device's routes with one
 * request and one acknowledgement each: no {@code ip route} process per session. It lives in the network
 * namespace of the thread that opened it, as the TUN device does. Thread-safe: requests are serialised.
 */
final class RtNetlink implements AutoCloseable {

    /** How long to wait for the kernel's acknowledgement of one request. */
    static final int ACK_TIMEOUT_MILLIS = 5_000;
    /** Receive buffer: an acknowledgement is the error header plus the request (under 100 octets). */
    static final int RECEIVE_BUFFER = 8_192;

    private final int fd;
    private final Memory receive = new Memory(RECEIVE_BUFFER);
    private final Memory pollFd = new Memory(LibC.POLLFD_SIZE);
    private int sequence;
    private boolean closed;

    private RtNetlink(int fd, int firstSequence) {
        this.fd = fd;
        this.sequence = firstSequence;
    }

    /** Opens the socket; needs no privilege (route changes do: CAP_NET_ADMIN). */
    static RtNetlink open() throws IOException {
        try {
            int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
            return new RtNetlink(fd, (int) (System.nanoTime() & 0x7fff_ffff));
        } catch (LastErrorException e) {
            throw new IOException("cannot open an rtnetlink socket: " + e.getMessage(), e);
        }
    }

    /** {@code ip route replace PREFIX dev DEVICE}. */
    synchronized void replaceRoute(String device, int ifIndex, IpPrefix prefix) throws IOException {
        int seq = ++sequence;
        int errno = request(RouteMessages.replace(seq, prefix, ifIndex), seq);
        if (errno != 0) {
            throw failure("adding route " + prefix + " dev " + device, errno);
        }
    }

    /** {@code ip route del PREFIX dev DEVICE}; a route that is gone already counts as removed. */
    synchronized void deleteRoute(String device, int ifIndex, IpPrefix prefix) throws IOException {
        int seq = ++sequence;
        int errno = request(RouteMessages.delete(seq, prefix, ifIndex), seq);
        if (errno != 0 && errno != LibC.ESRCH) {
            throw failure("removing route " + prefix + " dev " + device, errno);
        }
    }

    private static IOException failure(String what, int errno) {
        if (errno == LibC.EPERM || errno == LibC.EACCES) {
            return new IOException(what + " needs CAP_NET_ADMIN: run FlexGate as root or grant it CAP_NET_ADMIN"
                    + " (systemd AmbientCapabilities=CAP_NET_ADMIN)");
        }
        return new IOException(what + " failed: " + LibC.strerror(errno) + " (errno " + errno + ")");
    }

    /** Sends one request and returns the kernel's errno for it (0: done). */
    private int request(byte[] message, int seq) throws IOException {
        if (closed) {
            throw new IOException("rtnetlink socket closed");
        }
        try (Memory out = new Memory(message.length)) {
            out.write(0, message, 0, message.length);
            while (LibC.send(fd, Pointer.nativeValue(out), message.length, 0) < 0) {
                int errno = Native.getLastError();
                if (errno != LibC.EINTR) {
                    throw new IOException("rtnetlink send failed: " + LibC.strerror(errno) + " (errno " + errno + ")");
                }
            }
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            int waitMillis = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            pollFd.setInt(0, fd);
            pollFd.setShort(4, LibC.POLLIN);
            pollFd.setShort(6, (short) 0);
            int ready = LibC.poll(pollFd, 1, waitMillis);
            if (ready == 0) {
                throw new IOException("no rtnetlink acknowledgement within " + ACK_TIMEOUT_MILLIS + " ms");
            }
            if (ready < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EINTR) {
                    continue;
                }
                throw new IOException("rtnetlink poll failed: " + LibC.strerror(errno) + " (errno " + errno + ")");
            }
            long n = LibC.recv(fd, Pointer.nativeValue(receive), RECEIVE_BUFFER, LibC.MSG_DONTWAIT);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EINTR || errno == LibC.EAGAIN) {
                    continue;
                }
                throw new IOException("rtnetlink receive failed: " + LibC.strerror(errno) + " (errno " + errno + ")");
            }
            ByteBuffer datagram = receive.getByteBuffer(0, n);
            OptionalInt errno;
            try {
                errno = RouteMessages.acknowledgement(datagram, seq);
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed rtnetlink answer: " + e.getMessage(), e);
            }
            if (errno.isPresent()) {
                return errno.getAsInt();
            }
            // An answer to an earlier request that timed out: skip it.
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
            receive.close();
            pollFd.close();
        }
    }
}
