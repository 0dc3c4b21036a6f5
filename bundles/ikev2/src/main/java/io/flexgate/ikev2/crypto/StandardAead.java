package io.flexgate.ikev2.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM (RFC 5282 with RFC 4106's nonce construction) on the JCE, where it has CPU intrinsics, and
 * ChaCha20-Poly1305 (RFC 7634) on Bouncy Castle's lightweight API: the JDK 17 one has no intrinsics either,
 * and in our tampering tests it threw other exceptions than AEADBadTagException for some altered messages.
 * The JDK refuses 64-bit GCM tags, so AES-GCM with an 8-octet ICV runs on Bouncy Castle's GCM too.
 */
final class StandardAead implements Aead {

    static final int SALT_LENGTH = 4;
    static final int IV_LENGTH = 8;
    private static final int SHORT_ICV = 8;

    private final EncrAlgorithm algorithm;
    private final String transformation;
    private final String keyAlgorithm;
    private final int keyLength;
    private final int icvLength;
    private final Provider provider;

    private StandardAead(EncrAlgorithm algorithm, String transformation, String keyAlgorithm, int keyLength, int icvLength,
            Provider provider) {
        this.algorithm = algorithm;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
        this.provider = provider;
    }

    /** The AEAD for a transform and Key Length attribute, or {@code null} when we do not implement it. */
    static Aead of(EncrAlgorithm algorithm, int keyBits, Provider provider) {
        int icv = gcmIcvLength(algorithm);
        if (icv > 0 && (keyBits == 128 || keyBits == 192 || keyBits == 256)) {
            return new StandardAead(algorithm, "AES/GCM/NoPadding", "AES", keyBits / 8, icv, provider);
        }
        // RFC 7634 section 2: the transform has no Key Length attribute; the key is always 256 bits.
        if (algorithm.equals(EncrAlgorithm.ENCR_CHACHA20_POLY1305) && (keyBits == 0 || keyBits == 256)) {
            return new StandardAead(algorithm, null, "ChaCha20", 32, 16, provider);
        }
        return null;
    }

    private static int gcmIcvLength(EncrAlgorithm algorithm) {
        if (algorithm.equals(EncrAlgorithm.ENCR_AES_GCM_8)) {
            return 8;
        } else if (algorithm.equals(EncrAlgorithm.ENCR_AES_GCM_12)) {
            return 12;
        } else if (algorithm.equals(EncrAlgorithm.ENCR_AES_GCM_16)) {
            return 16;
        }
        return 0;
    }

    @Override
    public EncrAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int keyLength() {
        return keyLength;
    }

    @Override
    public int saltLength() {
        return SALT_LENGTH;
    }

    @Override
    public int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public int icvLength() {
        return icvLength;
    }

    @Override
    public Keyed withKey(byte[] keyAndSalt) {
        if (keyAndSalt.length != keyLength + SALT_LENGTH) {
            throw new IllegalArgumentException(algorithm.name() + " needs " + (keyLength + SALT_LENGTH)
                    + " octets of key and salt, got " + keyAndSalt.length);
        }
        byte[] key = Arrays.copyOf(keyAndSalt, keyLength);
        byte[] salt = Arrays.copyOfRange(keyAndSalt, keyLength, keyAndSalt.length);
        if (transformation == null) {
            return new BcAead(key, salt, icvLength, new ChaCha20Poly1305());
        } else if (icvLength == SHORT_ICV) {
            return new BcAead(key, salt, icvLength, GCMBlockCipher.newInstance(AESEngine.newInstance()));
        }
        return new Jce(key, salt);
    }

    @Override
    public String toString() {
        return algorithm.name() + "/" + keyLength * 8;
    }

    private static byte[] nonce(byte[] salt, byte[] iv) {
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("IV of " + iv.length + " octets, expected " + IV_LENGTH);
        }
        byte[] nonce = Arrays.copyOf(salt, SALT_LENGTH + IV_LENGTH);
        System.arraycopy(iv, 0, nonce, SALT_LENGTH, IV_LENGTH);
        return nonce;
    }

    private final class Jce implements Keyed {
        private final byte[] key;
        private final SecretKeySpec keySpec;
        private final byte[] salt;
        /** Kept between operations during the handshake; null once released (each operation makes its own). */
        private javax.crypto.Cipher kept;

        Jce(byte[] key, byte[] salt) {
            this.key = key;
            this.keySpec = new SecretKeySpec(key, keyAlgorithm);
            this.salt = salt;
            this.kept = newCipher(); // fails here, not at the first message, when the provider lacks AES-GCM
        }

        private javax.crypto.Cipher newCipher() {
            try {
                return provider == null ? javax.crypto.Cipher.getInstance(transformation)
                        : javax.crypto.Cipher.getInstance(transformation, provider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(transformation + " is not available", e);
            }
        }

        private javax.crypto.Cipher cipher() {
            javax.crypto.Cipher c = kept;
            return c != null ? c : newCipher();
        }

        @Override
        public void releaseBetweenOperations() {
            kept = null;
        }

        private GCMParameterSpec spec(byte[] iv) {
            return new GCMParameterSpec(icvLength * 8, nonce(salt, iv));
        }

        @Override
        public byte[] seal(byte[] iv, byte[] aad, byte[] plaintext, int offset, int length) {
            try {
                javax.crypto.Cipher cipher = cipher();
                cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, keySpec, spec(iv));
                cipher.updateAAD(aad);
                return cipher.doFinal(plaintext, offset, length);
            } catch (GeneralSecurityException e) {
                // The JDK refuses to encrypt twice with one key and nonce; the SK layer never does.
                throw new IllegalStateException(transformation + " encryption failed", e);
            }
        }

        @Override
        public byte[] open(byte[] iv, byte[] aad, byte[] input, int offset, int length) throws AEADBadTagException {
            try {
                javax.crypto.Cipher cipher = cipher();
                cipher.init(javax.crypto.Cipher.DECRYPT_MODE, keySpec, spec(iv));
                cipher.updateAAD(aad);
                return cipher.doFinal(input, offset, length);
            } catch (AEADBadTagException e) {
                throw e;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(transformation + " decryption failed", e);
            }
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** Bouncy Castle's lightweight AEADs: ChaCha20-Poly1305, and GCM with a 64-bit tag (NIST SP 800-38D). */
    private static final class BcAead implements Keyed {
        private final byte[] key;
        private final byte[] salt;
        private final int icvLength;
        private final AEADCipher gcm;

        BcAead(byte[] key, byte[] salt, int icvLength, AEADCipher cipher) {
            this.key = key;
            this.salt = salt;
            this.icvLength = icvLength;
            this.gcm = cipher;
        }

        private byte[] run(boolean encrypt, byte[] iv, byte[] aad, byte[] input, int offset, int length)
                throws InvalidCipherTextException {
            gcm.init(encrypt, new AEADParameters(new KeyParameter(key), icvLength * 8, nonce(salt, iv), aad));
            byte[] out = new byte[gcm.getOutputSize(length)];
            int n = gcm.processBytes(input, offset, length, out, 0);
            n += gcm.doFinal(out, n);
            return n == out.length ? out : Arrays.copyOf(out, n);
        }

        @Override
        public byte[] seal(byte[] iv, byte[] aad, byte[] plaintext, int offset, int length) {
            try {
                return run(true, iv, aad, plaintext, offset, length);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException(gcm.getAlgorithmName() + " encryption failed", e);
            }
        }

        @Override
        public byte[] open(byte[] iv, byte[] aad, byte[] input, int offset, int length) throws AEADBadTagException {
            if (length < icvLength) {
                throw new AEADBadTagException("input shorter than the ICV");
            }
            try {
                return run(false, iv, aad, input, offset, length);
            } catch (InvalidCipherTextException e) {
                throw new AEADBadTagException("ICV mismatch");
            }
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }
}
