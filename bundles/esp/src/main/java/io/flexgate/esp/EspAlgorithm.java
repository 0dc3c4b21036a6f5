package io.flexgate.esp;

import io.flexgate.api.dataplane.DataPlaneException;
import java.security.SecureRandom;

/**
 * An ESP algorithm combination chosen by IANA IKEv2 transform ids, with the key, IV and ICV sizes it
 * implies.
 *
 * @param name                    human-readable, as in {@code show crypto ipsec sa}
 * @param encryptionKeyLength     octets of encryption KEYMAT, including the AEAD salt
 * @param integrityKeyLength      octets of integrity KEYMAT, 0 for AEAD
 * @param icvLength               octets of ICV
 */
record EspAlgorithm(int encryptionId, int keyBits, int integrityId, String name, int encryptionKeyLength,
        int integrityKeyLength, int icvLength) {

    /** IANA "Transform Type 1 - Encryption Algorithm Transform IDs". */
    static final int ENCR_AES_CBC = 12;
    static final int ENCR_AES_GCM_8 = 18;
    static final int ENCR_AES_GCM_12 = 19;
    static final int ENCR_AES_GCM_16 = 20;
    static final int ENCR_CHACHA20_POLY1305 = 28;
    /** IANA "Transform Type 3 - Integrity Algorithm Transform IDs". */
    static final int AUTH_NONE = 0;
    static final int AUTH_HMAC_SHA1_96 = 2;
    static final int AUTH_HMAC_SHA2_256_128 = 12;
    static final int AUTH_HMAC_SHA2_384_192 = 13;
    static final int AUTH_HMAC_SHA2_512_256 = 14;

    private static final int CHACHA20_KEY_BITS = 256;

    boolean aead() {
        return integrityId == AUTH_NONE;
    }

    /**
     * The combination for these ids, or an exception naming what is unsupported (the engine should not
     * have negotiated it).
     */
    static EspAlgorithm of(int encryptionId, int keyBits, int integrityId) throws DataPlaneException {
        switch (encryptionId) {
            case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 -> {
                requireAesKey(keyBits);
                requireNoIntegrity(encryptionId, integrityId);
                int icv = encryptionId == ENCR_AES_GCM_8 ? 8 : encryptionId == ENCR_AES_GCM_12 ? 12 : 16;
                return new EspAlgorithm(encryptionId, keyBits, integrityId, "esp-gcm " + keyBits + " (ICV " + icv + ")",
                        keyBits / 8 + AeadTransform.SALT_LENGTH, 0, icv);
            }
            case ENCR_CHACHA20_POLY1305 -> {
                if (keyBits != 0 && keyBits != CHACHA20_KEY_BITS) {
                    throw new DataPlaneException("ChaCha20-Poly1305 has a 256-bit key, not " + keyBits);
                }
                requireNoIntegrity(encryptionId, integrityId);
                return new EspAlgorithm(encryptionId, CHACHA20_KEY_BITS, integrityId, "esp-chacha20-poly1305",
                        CHACHA20_KEY_BITS / 8 + AeadTransform.SALT_LENGTH, 0, 16);
            }
            case ENCR_AES_CBC -> {
                requireAesKey(keyBits);
                return switch (integrityId) {
                    case AUTH_HMAC_SHA1_96 -> cbc(keyBits, integrityId, "esp-sha-hmac", 20, 12);
                    case AUTH_HMAC_SHA2_256_128 -> cbc(keyBits, integrityId, "esp-sha256-hmac", 32, 16);
                    case AUTH_HMAC_SHA2_384_192 -> cbc(keyBits, integrityId, "esp-sha384-hmac", 48, 24);
                    case AUTH_HMAC_SHA2_512_256 -> cbc(keyBits, integrityId, "esp-sha512-hmac", 64, 32);
                    default -> throw new DataPlaneException("unsupported ESP integrity transform " + integrityId
                            + " with AES-CBC (supported: 2, 12, 13, 14)");
                };
            }
            default -> throw new DataPlaneException("unsupported ESP encryption transform " + encryptionId
                    + " (supported: 12 AES-CBC, 18/19/20 AES-GCM, 28 ChaCha20-Poly1305)");
        }
    }

    private static EspAlgorithm cbc(int keyBits, int integrityId, String integrityName, int integrityKeyLength,
            int icvLength) {
        return new EspAlgorithm(ENCR_AES_CBC, keyBits, integrityId, "esp-aes " + keyBits + " " + integrityName,
                keyBits / 8, integrityKeyLength, icvLength);
    }

    private static void requireAesKey(int keyBits) throws DataPlaneException {
        if (keyBits != 128 && keyBits != 192 && keyBits != 256) {
            throw new DataPlaneException("AES key length " + keyBits + " is not 128, 192 or 256");
        }
    }

    private static void requireNoIntegrity(int encryptionId, int integrityId) throws DataPlaneException {
        if (integrityId != AUTH_NONE) {
            throw new DataPlaneException("combined-mode transform " + encryptionId
                    + " takes no integrity transform, got " + integrityId);
        }
    }

    /** The JCE name of the HMAC (CBC only). */
    private String macAlgorithm() {
        return switch (integrityId) {
            case AUTH_HMAC_SHA1_96 -> "HmacSHA1";
            case AUTH_HMAC_SHA2_256_128 -> "HmacSHA256";
            case AUTH_HMAC_SHA2_384_192 -> "HmacSHA384";
            default -> "HmacSHA512";
        };
    }

    /**
     * A transform for one direction. The caller keeps ownership of the key arrays (and wipes them); the
     * transform keeps copies.
     *
     * @param ivSource where outbound IVs come from; {@code null} for the default (sequence number for
     *                 AEAD, encrypted counter for CBC)
     */
    EspTransform newTransform(byte[] encryptionKey, byte[] integrityKey, IvSource ivSource, SecureRandom random)
            throws DataPlaneException {
        if (encryptionKey.length != encryptionKeyLength) {
            throw new DataPlaneException(name + " needs " + encryptionKeyLength + " octets of encryption key, got "
                    + encryptionKey.length);
        }
        if (integrityKey.length != integrityKeyLength) {
            throw new DataPlaneException(name + " needs " + integrityKeyLength + " octets of integrity key, got "
                    + integrityKey.length);
        }
        if (!aead()) {
            return new CbcHmacTransform(encryptionKey, macAlgorithm(), integrityKey, icvLength,
                    ivSource != null ? ivSource : IvSource.encryptedCounter(random));
        }
        int keyLength = encryptionKeyLength - AeadTransform.SALT_LENGTH;
        byte[] key = java.util.Arrays.copyOf(encryptionKey, keyLength);
        byte[] salt = java.util.Arrays.copyOfRange(encryptionKey, keyLength, encryptionKeyLength);
        try {
            AeadCipher cipher;
            if (encryptionId == ENCR_CHACHA20_POLY1305) {
                cipher = AeadCipher.bcChaCha20Poly1305(key);
            } else if (icvLength == 8) {
                cipher = AeadCipher.bcGcm(key, icvLength);
            } else {
                cipher = AeadCipher.jceGcm(key, icvLength);
            }
            return new AeadTransform(cipher, salt, icvLength, ivSource != null ? ivSource : IvSource.sequence());
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
            java.util.Arrays.fill(salt, (byte) 0);
        }
    }
}
