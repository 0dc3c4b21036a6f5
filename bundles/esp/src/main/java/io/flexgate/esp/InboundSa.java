package io.flexgate.esp;

/**
 * The inbound half of a CHILD_SA: anti-replay, ICV check, decryption, trailer checks (RFC 4303 section
 * 3.4). Serialised by its own lock: packets of one SA may arrive on several threads.
 */
final class InboundSa {

    /** Bits of a {@link #open} result that hold the payload length (up to {@link EspPacket#MAX_PACKET}). */
    private static final int LENGTH_BITS = 20;
    private static final int LENGTH_MASK = (1 << LENGTH_BITS) - 1;

    private final int spi;
    private final EspTransform transform;
    private final boolean esn;
    private final ReplayWindow window;
    private final int minimumLength;
    private boolean wiped;

    InboundSa(int spi, EspTransform transform, boolean esn, int replayWindow) {
        this.spi = spi;
        this.transform = transform;
        this.esn = esn;
        this.window = new ReplayWindow(replayWindow, esn);
        this.minimumLength = EspPacket.HEADER_LENGTH + transform.ivLength()
                + Math.max(EspPacket.TRAILER_LENGTH, transform.cipherBlockSize()) + transform.icvLength();
    }

    int spi() {
        return spi;
    }

    /**
     * Verifies, decrypts and strips the trailer of the ESP packet at {@code packet[off..off+len)}; the
     * payload lands at {@code out[outOff]}.
     *
     * @return {@link #payloadLength} and {@link #nextHeader} packed in a non-negative int, or a negative
     *         {@link Drop#code()}
     */
    synchronized int open(byte[] packet, int off, int len, byte[] out, int outOff) {
        if (wiped) {
            return Drop.GONE.code();
        }
        int ciphertext = len - EspPacket.HEADER_LENGTH - transform.ivLength() - transform.icvLength();
        if (len < minimumLength || ciphertext % transform.cipherBlockSize() != 0) {
            return Drop.MALFORMED.code();
        }
        long seq = window.infer(Octets.getInt(packet, off + 4));
        if (!window.isFresh(seq)) {
            return Drop.REPLAY.code();
        }
        int n = transform.open(packet, off, len, seq, esn, out, outOff);
        if (n < 0) {
            return Drop.INTEGRITY.code();
        }
        // Authentic: it consumes its sequence number even if what it carries turns out unusable.
        window.accept(seq);
        int padLength = out[outOff + n - 2] & 0xff;
        int nextHeader = out[outOff + n - 1] & 0xff;
        int payload = n - EspPacket.TRAILER_LENGTH - padLength;
        if (payload < 0 || !defaultPadding(out, outOff + payload, padLength)) {
            return Drop.MALFORMED.code();
        }
        return nextHeader << LENGTH_BITS | payload;
    }

    /** RFC 4303 section 2.4: padding bytes are 1, 2, 3, ... when the cipher specifies nothing else. */
    private static boolean defaultPadding(byte[] b, int off, int padLength) {
        int bad = 0;
        for (int i = 0; i < padLength; i++) {
            bad |= (b[off + i] & 0xff) ^ (i + 1);
        }
        return bad == 0;
    }

    static int payloadLength(int result) {
        return result & LENGTH_MASK;
    }

    static int nextHeader(int result) {
        return result >>> LENGTH_BITS;
    }

    /** Highest authenticated sequence number (for tests and counters). */
    synchronized long highestSequence() {
        return window.highest();
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
