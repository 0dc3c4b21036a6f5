package io.flexgate.ikev2.engine;

import java.util.BitSet;

/**
 * Numbers of virtual-access interfaces: each session takes the lowest free number, as IOS does
 * ({@code Virtual-Access1}, {@code Virtual-Access2} ...), and gives it back when it ends. Thread-safe.
 */
public final class VirtualAccessNumbers {

    private final BitSet used = new BitSet();

    /** Takes the lowest free number (1 or above). */
    public synchronized int take() {
        int n = used.nextClearBit(1);
        used.set(n);
        return n;
    }

    /** Gives a number back. Idempotent. */
    public synchronized void release(int n) {
        if (n > 0) {
            used.clear(n);
        }
    }

    /** {@code Virtual-AccessN}. */
    public static String name(int n) {
        return "Virtual-Access" + n;
    }
}
