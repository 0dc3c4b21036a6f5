package io.flexgate.esp;

/**
 * The cryptographic part of one ESP SA in one direction: how the IV, the ciphertext and the ICV of an
 * RFC 4303 packet are made and checked. Framing (header, padding, trailer, anti-replay) is the SA's job.
 *
 * <p>Packet layout at {@code off}: SPI (4) | sequence number low 32 bits (4) | IV | ciphertext | ICV.
 * Not thread-safe: the owning SA calls it under its lock.
 */
sealed interface EspTransform permits AeadTransform, CbcHmacTransform {

    /** {@link #open} result when the ICV does not verify. */
    int INTEGRITY_FAILED = -1;

    int ivLength();

    int icvLength();

    /** The ciphertext must be a multiple of this (the cipher's block size; 1 for stream-like AEADs). */
    int cipherBlockSize();

    /**
     * What payload + padding + 2 is padded to: the block size, at least 4 octets (RFC 4303 section 2.4).
     */
    default int paddingAlignment() {
        return Math.max(4, cipherBlockSize());
    }

    /**
     * Seals a packet whose SPI and sequence number are written at {@code packet[off]}: writes the IV,
     * encrypts the plaintext (payload, padding, pad length, next header) from {@code plaintext[ptOff]} to
     * just after the IV and appends the ICV. The plaintext must not lie in {@code packet}: in-place
     * encryption makes the JDK copy the input first.
     *
     * @param seq the full 64-bit sequence number (its high half enters the ICV when {@code esn})
     * @return the packet length
     */
    int seal(byte[] plaintext, int ptOff, int ptLength, byte[] packet, int off, long seq, boolean esn);

    /**
     * Verifies and decrypts {@code len} octets of packet at {@code off} into {@code out}. The caller has
     * checked that the ciphertext is non-empty and a multiple of {@link #cipherBlockSize()}.
     *
     * @return the plaintext length (payload, padding, trailer), or {@link #INTEGRITY_FAILED}
     */
    int open(byte[] packet, int off, int len, long seq, boolean esn, byte[] out, int outOff);

    /** Overwrites the keys. The transform must not be used afterwards. */
    void wipe();

    /** True once every key this transform held is overwritten. */
    boolean isWiped();
}
