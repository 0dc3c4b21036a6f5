package io.flexgate.tun.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Memory;

/**
 * Per-thread namespace and capability changes for root-only tests. Both are properties of one Linux thread, so
 * a test changes a thread of its own and throws it away afterwards: setns(2) with CLONE_NEWNET, and capset(2)
 * dropping one capability from the effective set (linux/capability.h, _LINUX_CAPABILITY_VERSION_3).
 */
final class ThreadCredentials {

    static final int CLONE_NEWNET = 0x40000000;
    static final int O_RDONLY = 0;
    static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** Header (version, pid) then two {effective, permitted, inheritable} words. */
    private static final int HEADER = 8;
    private static final int DATA = 24;

    static {
        Native.register(ThreadCredentials.class, Platform.C_LIBRARY_NAME);
    }

    private ThreadCredentials() {
    }

    private static native int setns(int fd, int nstype) throws LastErrorException;

    private static native int capget(Pointer header, Pointer data) throws LastErrorException;

    private static native int capset(Pointer header, Pointer data) throws LastErrorException;

    /** Moves the calling thread into the named network namespace ({@code ip netns add NAME}). */
    static void enterNetworkNamespace(String name) {
        int fd = LibC.open("/var/run/netns/" + name, O_RDONLY | LibC.O_CLOEXEC);
        try {
            setns(fd, CLONE_NEWNET);
        } finally {
            LibC.close(fd);
        }
    }

    /** Drops {@code capability} from the calling thread's effective set (it stays permitted). */
    static void dropEffective(int capability) {
        try (Memory header = new Memory(HEADER); Memory data = new Memory(DATA)) {
            header.setInt(0, LINUX_CAPABILITY_VERSION_3);
            header.setInt(4, 0);
            capget(header, data);
            int word = capability / 32;
            int effective = data.getInt(word * 12L);
            data.setInt(word * 12L, effective & ~(1 << (capability % 32)));
            capset(header, data);
        }
    }
}
