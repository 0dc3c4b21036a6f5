package io.flexgate.ikev2.crypto;

/**
 * A negotiated PRF transform (RFC 7296 section 3.3.2, type 2). Stateless and thread-safe; each
 * {@link #withKey} gives a single-user {@link KeyedMac}.
 */
public interface Prf {

    PrfAlgorithm algorithm();

    /** Octets of output, and of SK_d, SK_pi and SK_pr (RFC 7296 section 2.14: the PRF's preferred key size). */
    int outputLength();

    /** The JCA name of the underlying hash ({@code SHA-256}), which Cisco uses for RSA AUTH method 1. */
    String hashAlgorithm();

    KeyedMac withKey(byte[] key);

    /** {@code prf(key, parts[0] | parts[1] | ...)}. */
    default byte[] compute(byte[] key, byte[]... parts) {
        try (KeyedMac mac = withKey(key)) {
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        }
    }
}
