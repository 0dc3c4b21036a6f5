package io.flexgate.ikev2.crypto;

/**
 * A block-cipher ENCR transform used with a separate INTEG transform (AES-CBC, RFC 3602). Thread-safe;
 * each {@link #withKey} gives a single-user {@link Keyed}.
 */
public interface Cipher {

    EncrAlgorithm algorithm();

    /** Octets of key. */
    int keyLength();

    /** Octets per block; the plaintext length must be a multiple of it. */
    int blockSize();

    /** Octets of IV in the message. */
    int ivLength();

    Keyed withKey(byte[] key);

    /** A cipher under one key. Not thread-safe. */
    interface Keyed extends AutoCloseable {

        byte[] encrypt(byte[] iv, byte[] input, int offset, int length);

        byte[] decrypt(byte[] iv, byte[] input, int offset, int length);

        /** Wipes the key copies this object holds. */
        @Override
        void close();
    }
}
