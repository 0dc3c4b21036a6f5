package io.flexgate.esp;

/**
 * The receiver's anti-replay window (RFC 4303 section 3.4.3) with extended sequence numbers (Appendix A).
 *
 * <p>Holds the highest authenticated sequence number and a bitmap of the packets seen below it. A
 * sequence number is checked before the ICV and recorded only after the ICV verified, so forged packets
 * cannot move the window. Not thread-safe: used under the inbound SA's lock.
 */
final class ReplayWindow {

    /** Default window, in packets (the brief's and Linux's 1024 for high-rate SAs; RFC minimum 32). */
    static final int DEFAULT_SIZE = 1024;
    /** Largest window accepted. */
    static final int MAX_SIZE = 1 << 16;
    /** Window used only to infer the high-order bits when anti-replay is off (Appendix A2.2 needs one). */
    private static final int INFERENCE_SIZE_WHEN_DISABLED = 64;

    private final int size;
    private final int inferenceSize;
    private final boolean esn;
    private final long[] bitmap;
    private final int capacityMask;
    /** Highest authenticated sequence number, 0 before the first packet. */
    private long top;

    /**
     * @param size packets in the window; 0 disables replay checks
     */
    ReplayWindow(int size, boolean esn) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window " + size + " out of range 0.." + MAX_SIZE);
        }
        this.size = size;
        this.esn = esn;
        this.inferenceSize = size == 0 ? INFERENCE_SIZE_WHEN_DISABLED : size;
        int capacity = Integer.highestOneBit(Math.max(inferenceSize, 64) - 1) << 1;
        this.bitmap = new long[capacity / 64];
        this.capacityMask = capacity - 1;
    }

    /**
     * The full sequence number of a packet carrying {@code low} (RFC 4303 Appendix A2.2): with ESN the
     * high half is the one that places it closest to the window; without ESN it is zero.
     */
    long infer(int low) {
        long seqLow = low & 0xFFFF_FFFFL;
        if (!esn) {
            return seqLow;
        }
        long topLow = top & 0xFFFF_FFFFL;
        long high = top >>> 32;
        long bottomLow = (topLow - inferenceSize + 1) & 0xFFFF_FFFFL;
        if (topLow >= inferenceSize - 1) {
            // Case A: the window lies within one subspace; below it means the next subspace.
            if (seqLow < bottomLow) {
                high++;
            }
        } else if (seqLow >= bottomLow && high > 0) {
            // Case B: the window spans two subspaces; at or above its bottom means the previous one.
            high--;
        }
        return high << 32 | seqLow;
    }

    /** False for a duplicate, a packet left of the window, or sequence number 0 (never sent). */
    boolean isFresh(long seq) {
        if (seq == 0) {
            return false;
        }
        if (size == 0 || Long.compareUnsigned(seq, top) > 0) {
            return true;
        }
        long behind = top - seq;
        if (behind >= size) {
            return false;
        }
        return (bitmap[wordIndex(seq)] & bit(seq)) == 0;
    }

    /** Records an authenticated packet, moving the window right when it is the newest. */
    void accept(long seq) {
        if (Long.compareUnsigned(seq, top) > 0) {
            long advance = seq - top;
            if (Long.compareUnsigned(advance, capacityMask) > 0) {
                java.util.Arrays.fill(bitmap, 0L);
            } else {
                for (long s = top + 1; s != seq; s++) {
                    bitmap[wordIndex(s)] &= ~bit(s);
                }
            }
            top = seq;
            bitmap[wordIndex(seq)] &= ~bit(seq);
        }
        bitmap[wordIndex(seq)] |= bit(seq);
    }

    /** Highest authenticated sequence number so far. */
    long highest() {
        return top;
    }

    private int wordIndex(long seq) {
        return (int) (seq & capacityMask) >>> 6;
    }

    private static long bit(long seq) {
        return 1L << (seq & 63);
    }
}
