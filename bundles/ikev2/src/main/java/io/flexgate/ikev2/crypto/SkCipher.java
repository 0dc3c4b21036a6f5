package io.flexgate.ikev2.crypto;

/**
 * The protection of the Encrypted (SK) payload in one direction (RFC 7296 section 3.14, RFC 5282 for
 * AEAD): what the message codec calls to seal and open SK and SKF payloads. One instance per IKE SA and
 * direction, holding SK_e (and SK_a) of that direction. Not thread-safe: used from the IKE SA's executor.
 *
 * <p>The SK payload body is {@code IV | ciphertext | ICV}. The ciphertext covers the inner payloads
 * followed by padding and the Pad Length octet. The integrity check covers:
 * <ul>
 *   <li>for AEAD ciphers (AES-GCM, ChaCha20-Poly1305): the associated data {@code header} (IKE header and
 *       SK/SKF generic payload header, plus the SKF fragment fields) per RFC 5282 section 5.1;</li>
 *   <li>for CBC with an INTEG transform: HMAC over {@code header | IV | ciphertext} truncated to the ICV
 *       length (RFC 7296 section 3.14).</li>
 * </ul>
 */
public interface SkCipher extends AutoCloseable {

    /** Octets of IV at the start of the body (16 for AES-CBC, 8 for AES-GCM and ChaCha20-Poly1305). */
    int ivLength();

    /** Octets of ICV at the end of the body. */
    int icvLength();

    /**
     * The body length {@link #seal} produces for {@code plaintextLength} octets of inner payloads, so that
     * the codec can write the final lengths into {@code header} before sealing.
     */
    int sealedLength(int plaintextLength);

    /**
     * Encrypts and protects.
     *
     * @param header    every octet of the message before the IV, with all length fields already final
     * @param plaintext the inner payloads (no padding: this method adds it)
     * @return the SK body: IV, ciphertext (with padding and Pad Length), ICV
     */
    byte[] seal(byte[] header, byte[] plaintext);

    /**
     * Checks and decrypts.
     *
     * @param header every octet of the message before the IV, as received
     * @param body   IV, ciphertext and ICV as received
     * @return the inner payloads without padding
     * @throws SkIntegrityException when the ICV does not verify or the padding is malformed; the message is
     *                              then dropped silently (RFC 7296 section 2.21.2)
     */
    byte[] open(byte[] header, byte[] body) throws SkIntegrityException;

    /** See {@link Aead.Keyed#releaseBetweenOperations()}; nothing for ciphers that hold no such state. */
    default void releaseBetweenOperations() {
    }

    /** Wipes the keys. */
    @Override
    void close();
}
