package io.flexgate.tun.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls a TUN device needs, bound through JNA direct mapping (a JNI-like call per packet
 * rather than JNA's reflective interface proxy). Calls on the packet path return -1 and leave errno to
 * {@link Native#getLastError()}, so an idle read costs no exception; set-up calls throw
 * {@link LastErrorException}. Constants are those of Linux on x86_64 and aarch64 (asm-generic), both LP64.
 */
final class LibC {

    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;

    /** {@code _IOW('T', 202, int)} from {@code linux/if_tun.h}. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    /** Each packet read or written is preceded by a {@code struct virtio_net_hdr} (GSO and checksum offload). */
    static final short IFF_VNET_HDR = 0x4000;
    /** {@code _IOW('T', 208, unsigned int)}: the offloads userspace takes from the kernel on reads. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    /** {@code struct iovec}: a pointer and a length. */
    static final int IOVEC_SIZE = 16;
    /** {@code struct ifreq}: a 16-byte name, then a union whose first member here is {@code short flags}. */
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;

    static final short POLLIN = 0x1;
    /** {@code struct pollfd}: int fd, short events, short revents. */
    static final int POLLFD_SIZE = 8;

    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int ESRCH = 3;
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int MSG_DONTWAIT = 0x40;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

    static native int eventfd(int initial, int flags) throws LastErrorException;

    static native int close(int fd);

    /** {@code read(2)}; {@code address} is a native address (a pointer and a long share registers on LP64). */
    static native long read(int fd, long address, long count);

    /** {@code write(2)}; {@code address} as in {@link #read}. */
    static native long write(int fd, long address, long count);

    /** {@code readv(2)}; {@code iov} is the native address of {@code count} {@code struct iovec}. */
    static native long readv(int fd, long iov, int count);

    /** {@code writev(2)}; {@code iov} as in {@link #readv}. */
    static native long writev(int fd, long iov, int count);

    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code send(2)}; {@code address} as in {@link #read}. */
    static native long send(int fd, long address, long count, int flags);

    /** {@code recv(2)}; {@code address} as in {@link #read}. */
    static native long recv(int fd, long address, long count, int flags);

    /** The index of the interface {@code name}, 0 when there is none. */
    static native int if_nametoindex(String name);

    static native String strerror(int errno);
}
