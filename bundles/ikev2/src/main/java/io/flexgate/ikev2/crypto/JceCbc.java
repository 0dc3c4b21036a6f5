package io.flexgate.ikev2.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-CBC (RFC 3602) without padding on the JCE; the SK layer pads (RFC 7296 section 3.14). */
final class JceCbc implements Cipher {

    static final int AES_BLOCK = 16;
    private static final String TRANSFORMATION = "AES/CBC/NoPadding";

    private final int keyLength;
    private final Provider provider;

    private JceCbc(int keyLength, Provider provider) {
        this.keyLength = keyLength;
        this.provider = provider;
    }

    /** AES-CBC with a Key Length attribute of 128, 192 or 256 bits, or {@code null}. */
    static Cipher of(EncrAlgorithm algorithm, int keyBits, Provider provider) {
        if (algorithm.equals(EncrAlgorithm.ENCR_AES_CBC) && (keyBits == 128 || keyBits == 192 || keyBits == 256)) {
            return new JceCbc(keyBits / 8, provider);
        }
        return null;
    }

    @Override
    public EncrAlgorithm algorithm() {
        return EncrAlgorithm.ENCR_AES_CBC;
    }

    @Override
    public int keyLength() {
        return keyLength;
    }

    @Override
    public int blockSize() {
        return AES_BLOCK;
    }

    @Override
    public int ivLength() {
        return AES_BLOCK;
    }

    @Override
    public Keyed withKey(byte[] key) {
        if (key.length != keyLength) {
            throw new IllegalArgumentException("AES-CBC needs " + keyLength + " octets of key, got " + key.length);
        }
        try {
            javax.crypto.Cipher cipher = provider == null ? javax.crypto.Cipher.getInstance(TRANSFORMATION)
                    : javax.crypto.Cipher.getInstance(TRANSFORMATION, provider);
            return new KeyedCbc(key.clone(), cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ENCR_AES_CBC/" + keyLength * 8;
    }

    private static final class KeyedCbc implements Keyed {
        private final byte[] key;
        private final SecretKeySpec keySpec;
        private final javax.crypto.Cipher cipher;

        KeyedCbc(byte[] key, javax.crypto.Cipher cipher) {
            this.key = key;
            this.keySpec = new SecretKeySpec(key, "AES");
            this.cipher = cipher;
        }

        private byte[] run(int mode, byte[] iv, byte[] input, int offset, int length) {
            if (length % AES_BLOCK != 0) {
                throw new IllegalArgumentException(length + " octets is not a whole number of AES blocks");
            }
            try {
                cipher.init(mode, keySpec, new IvParameterSpec(iv));
                return cipher.doFinal(input, offset, length);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CBC failed", e);
            }
        }

        @Override
        public byte[] encrypt(byte[] iv, byte[] input, int offset, int length) {
            return run(javax.crypto.Cipher.ENCRYPT_MODE, iv, input, offset, length);
        }

        @Override
        public byte[] decrypt(byte[] iv, byte[] input, int offset, int length) {
            return run(javax.crypto.Cipher.DECRYPT_MODE, iv, input, offset, length);
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
        }
    }
}
