package io.flexgate.ikev2.crypto;

import javax.crypto.AEADBadTagException;

/**
 * A combined-mode ENCR transform (RFC 5282 AES-GCM, RFC 7634 ChaCha20-Poly1305): the nonce is the salt
 * from the end of the key material followed by the 8-octet IV sent in the message. Thread-safe; each
 * {@link #withKey} gives a single-user {@link Keyed}.
 */
public interface Aead {

    EncrAlgorithm algorithm();

    /** Octets of cipher key, without salt. */
    int keyLength();

    /** Octets of salt at the end of the key material (4 for both GCM and ChaCha20-Poly1305). */
    int saltLength();

    /** Octets of the explicit IV in the message (8). */
    int ivLength();

    /** Octets of the ICV (8, 12 or 16). */
    int icvLength();

    /** Binds {@code key | salt} ({@link #keyLength()} + {@link #saltLength()} octets, as in SK_e or KEYMAT). */
    Keyed withKey(byte[] keyAndSalt);

    /** An AEAD under one key. Not thread-safe. */
    interface Keyed extends AutoCloseable {

        /** {@code ciphertext | ICV} of {@code plaintext[offset, offset+length)}. */
        byte[] seal(byte[] iv, byte[] aad, byte[] plaintext, int offset, int length);

        /** The plaintext of {@code ciphertext | ICV} at {@code input[offset, offset+length)}. */
        byte[] open(byte[] iv, byte[] aad, byte[] input, int offset, int length) throws AEADBadTagException;

        /**
         * From now on keeps no cipher object between operations (each builds its own): for an established SA,
         * whose few later messages do not pay for a cipher and key schedule held in memory per session.
         */
        default void releaseBetweenOperations() {
        }

        /** Wipes the key copies this object holds. */
        @Override
        void close();
    }
}
