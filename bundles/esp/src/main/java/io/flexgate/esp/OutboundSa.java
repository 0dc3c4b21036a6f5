package io.flexgate.esp;

/**
 * The outbound half of a CHILD_SA: sequence numbers, padding, encryption (RFC 4303 section 3.3). The
 * counter never wraps (section 3.3.3): once exhausted, packets are refused until the SA is rekeyed.
 */
final class OutboundSa {

    /** {@link #seal} result when the sequence number space is used up. */
    static final int SEQUENCE_EXHAUSTED = -1;
    /** {@link #seal} result after the SA was wiped. */
    static final int WIPED = -2;
    /** Octets after an inner packet that sealing may overwrite: the most padding, then the trailer. */
    static final int TRAILER_ROOM = 15 + EspPacket.TRAILER_LENGTH;
    /** Largest sequence number without ESN. */
    static final long MAX_SEQUENCE_32 = 0xFFFF_FFFFL;
    /** Largest sequence number with ESN that this implementation sends (2^63 - 1: never reached). */
    static final long MAX_SEQUENCE_64 = Long.MAX_VALUE;

    private final int spi;
    private final EspTransform transform;
    private final boolean esn;
    private final long maxSequence;
    private final long rekeySequence;
    private long sequence;
    private volatile boolean rekeyDue;
    private boolean wiped;

    /**
     * @param initialSequence the last sequence number considered sent (0 for a new SA; tests start near
     *                        the end of the space)
     */
    OutboundSa(int spi, EspTransform transform, boolean esn, long initialSequence) {
        this.spi = spi;
        this.transform = transform;
        this.esn = esn;
        this.maxSequence = esn ? MAX_SEQUENCE_64 : MAX_SEQUENCE_32;
        this.rekeySequence = maxSequence - SaLifetime.SEQUENCE_REKEY_MARGIN;
        this.sequence = initialSequence;
    }

    int spi() {
        return spi;
    }

    /**
     * Encapsulates the inner packet {@code inner[off..off+len)} into {@code out[outOff..]}. The padding
     * and trailer are written into {@code inner} right after the packet, so that the cipher reads the
     * whole plaintext from there; {@code inner} needs {@link #TRAILER_ROOM} octets free after it.
     *
     * @return the ESP packet length, {@link #SEQUENCE_EXHAUSTED} or {@link #WIPED}
     */
    synchronized int seal(byte[] inner, int off, int len, int nextHeader, byte[] out, int outOff) {
        if (wiped) {
            return WIPED;
        }
        if (sequence >= maxSequence) {
            rekeyDue = true;
            return SEQUENCE_EXHAUSTED;
        }
        if (inner.length - off - len < TRAILER_ROOM) {
            throw new IllegalArgumentException("no room for the ESP trailer after the inner packet");
        }
        long seq = ++sequence;
        if (seq >= rekeySequence) {
            rekeyDue = true;
        }
        int alignment = transform.paddingAlignment();
        int padLength = (alignment - (len + EspPacket.TRAILER_LENGTH) % alignment) % alignment;
        int p = off + len;
        for (int i = 1; i <= padLength; i++) {
            inner[p++] = (byte) i;
        }
        inner[p++] = (byte) padLength;
        inner[p++] = (byte) nextHeader;
        Octets.putInt(out, outOff, spi);
        Octets.putInt(out, outOff + 4, (int) seq);
        return transform.seal(inner, off, p - off, out, outOff, seq, esn);
    }

    /** True once the sequence numbers are close enough to their end to ask for a rekey. */
    boolean rekeyDue() {
        return rekeyDue;
    }

    /** For tests: whether the keys are overwritten. */
    synchronized boolean keysWiped() {
        return transform.isWiped();
    }

    synchronized void wipe() {
        if (!wiped) {
            wiped = true;
            transform.wipe();
        }
    }
}
