package io.flexgate.ikev2.crypto;

/**
 * A negotiated INTEG transform (RFC 7296 section 3.3.2, type 3): a MAC truncated to the ICV length.
 * Stateless and thread-safe; each {@link #withKey} gives a single-user {@link KeyedMac}.
 */
public interface Integrity {

    IntegAlgorithm algorithm();

    /** Octets of SK_ai / SK_ar (RFC 4868 section 2.1.2: the full hash length for HMAC-SHA-2). */
    int keyLength();

    /** Octets of the truncated checksum. */
    int icvLength();

    KeyedMac withKey(byte[] key);
}
