package io.flexgate.esp;

/**
 * Why an inbound packet was dropped; the counter it lands in. Carried on the hot path as a negative
 * {@code int} ({@link #code()}) so that no result object is allocated per packet.
 */
enum Drop {
    /** Duplicate or left of the anti-replay window. */
    REPLAY,
    /** The ICV did not verify. */
    INTEGRITY,
    /** Too short, not block-aligned, bad padding, wrong next header or inner header, inner source not allowed. */
    MALFORMED,
    /** The SA was removed while the packet was on its way. */
    GONE;

    private static final Drop[] VALUES = values();

    int code() {
        return -1 - ordinal();
    }

    /** The reason behind a negative result code. */
    static Drop of(int code) {
        return VALUES[-1 - code];
    }
}
