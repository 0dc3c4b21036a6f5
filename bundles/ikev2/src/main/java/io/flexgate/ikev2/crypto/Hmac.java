package io.flexgate.ikev2.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) on the JCE, where it is fast: the HMAC PRFs (RFC 2104 with SHA-1, RFC 4868 with SHA-2)
 * and the truncated INTEG transforms (RFC 2404 HMAC-SHA1-96, RFC 4868 HMAC-SHA2-256-128/384-192/512-256).
 */
final class Hmac {

    private final String macName;
    private final String hashName;
    private final int outputLength;
    private final Provider provider;

    private Hmac(String macName, String hashName, int outputLength, Provider provider) {
        this.macName = macName;
        this.hashName = hashName;
        this.outputLength = outputLength;
        this.provider = provider;
    }

    /** The PRF, or {@code null} when it is not an HMAC PRF we implement. */
    static Prf prf(PrfAlgorithm algorithm, Provider provider) {
        Hmac hmac = forPrf(algorithm, provider);
        return hmac == null ? null : new HmacPrf(algorithm, hmac);
    }

    /** The INTEG transform, or {@code null} when it is not one we implement. */
    static Integrity integrity(IntegAlgorithm algorithm, Provider provider) {
        if (algorithm.equals(IntegAlgorithm.AUTH_HMAC_SHA1_96)) {
            return new HmacIntegrity(algorithm, new Hmac("HmacSHA1", "SHA-1", 20, provider), 12);
        } else if (algorithm.equals(IntegAlgorithm.AUTH_HMAC_SHA2_256_128)) {
            return new HmacIntegrity(algorithm, new Hmac("HmacSHA256", "SHA-256", 32, provider), 16);
        } else if (algorithm.equals(IntegAlgorithm.AUTH_HMAC_SHA2_384_192)) {
            return new HmacIntegrity(algorithm, new Hmac("HmacSHA384", "SHA-384", 48, provider), 24);
        } else if (algorithm.equals(IntegAlgorithm.AUTH_HMAC_SHA2_512_256)) {
            return new HmacIntegrity(algorithm, new Hmac("HmacSHA512", "SHA-512", 64, provider), 32);
        }
        return null;
    }

    private static Hmac forPrf(PrfAlgorithm algorithm, Provider provider) {
        if (algorithm.equals(PrfAlgorithm.PRF_HMAC_SHA1)) {
            return new Hmac("HmacSHA1", "SHA-1", 20, provider);
        } else if (algorithm.equals(PrfAlgorithm.PRF_HMAC_SHA2_256)) {
            return new Hmac("HmacSHA256", "SHA-256", 32, provider);
        } else if (algorithm.equals(PrfAlgorithm.PRF_HMAC_SHA2_384)) {
            return new Hmac("HmacSHA384", "SHA-384", 48, provider);
        } else if (algorithm.equals(PrfAlgorithm.PRF_HMAC_SHA2_512)) {
            return new Hmac("HmacSHA512", "SHA-512", 64, provider);
        }
        return null;
    }

    KeyedMac withKey(byte[] key, int truncatedLength) {
        try {
            Mac mac = provider == null ? Mac.getInstance(macName) : Mac.getInstance(macName, provider);
            // HMAC takes keys of any length (RFC 2104 section 3), even empty ones, which SecretKeySpec refuses.
            mac.init(key.length == 0 ? new EmptyKey(macName) : new SecretKeySpec(key, macName));
            return new JceMac(mac, truncatedLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macName + " is not available", e);
        }
    }

    record HmacPrf(PrfAlgorithm algorithm, Hmac hmac) implements Prf {
        @Override
        public int outputLength() {
            return hmac.outputLength;
        }

        @Override
        public String hashAlgorithm() {
            return hmac.hashName;
        }

        @Override
        public KeyedMac withKey(byte[] key) {
            return hmac.withKey(key, hmac.outputLength);
        }
    }

    record HmacIntegrity(IntegAlgorithm algorithm, Hmac hmac, int icvLength) implements Integrity {
        @Override
        public int keyLength() {
            return hmac.outputLength;
        }

        @Override
        public KeyedMac withKey(byte[] key) {
            return hmac.withKey(key, icvLength);
        }
    }

    /** A zero-length HMAC key. */
    private record EmptyKey(String getAlgorithm) implements SecretKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }

    private static final class JceMac implements KeyedMac {
        private final Mac mac;
        private final int outputLength;

        JceMac(Mac mac, int outputLength) {
            this.mac = mac;
            this.outputLength = outputLength;
        }

        @Override
        public KeyedMac update(byte[] data, int offset, int length) {
            mac.update(data, offset, length);
            return this;
        }

        @Override
        public byte[] doFinal() {
            byte[] full = mac.doFinal();
            if (full.length == outputLength) {
                return full;
            }
            byte[] truncated = Arrays.copyOf(full, outputLength);
            Arrays.fill(full, (byte) 0);
            return truncated;
        }

        @Override
        public void close() {
            mac.reset();
        }
    }
}
