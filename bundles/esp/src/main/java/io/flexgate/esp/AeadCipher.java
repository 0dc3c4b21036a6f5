package io.flexgate.esp;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One AEAD key in one direction: init per packet with a fresh nonce, AAD, then one {@code doFinal}.
 * Not thread-safe; each SA direction owns one and uses it under its lock.
 */
sealed interface AeadCipher permits AeadCipher.Jce, AeadCipher.Bc {

    /** {@code doFinal} result when the tag does not verify. */
    int BAD_TAG = -1;

    void init(boolean encrypt, byte[] nonce);

    void updateAad(byte[] aad, int off, int len);

    /** Encrypts (appending the tag) or decrypts (checking it); the plaintext or packet length, or BAD_TAG. */
    int doFinal(byte[] in, int off, int len, byte[] out, int outOff);

    /** Overwrites the key here and in the cipher's cached key schedule. */
    void wipe();

    boolean isWiped();

    /** AES-GCM with a 12- or 16-octet ICV, from the JDK (SunJCE accepts 96..128-bit tags only). */
    static AeadCipher jceGcm(byte[] key, int icvLength) {
        return new Jce("AES/GCM/NoPadding", new WipeableKey("AES", key, 0, key.length),
                nonce -> new GCMParameterSpec(icvLength * 8, nonce));
    }

    /**
     * ChaCha20-Poly1305 (RFC 8439) from Bouncy Castle's lightweight API: as fast as JDK 17's (neither has
     * intrinsics), but it neither buffers the ciphertext on decryption (about 6 KB per 1400-octet packet in
     * the JDK) nor refuses to decrypt twice under one nonce, which a replayed packet asks for.
     */
    static AeadCipher bcChaCha20Poly1305(byte[] key) {
        return new Bc(new ChaCha20Poly1305(), key, 16);
    }

    /** AES-GCM with an 8-octet ICV, which SunJCE refuses: Bouncy Castle's lightweight GCM. */
    static AeadCipher bcGcm(byte[] key, int icvLength) {
        return new Bc(GCMBlockCipher.newInstance(AESEngine.newInstance()), key, icvLength);
    }

    /** A JCE cipher; a new parameter spec per packet, because JDK 17 refuses a reused nonce when encrypting. */
    final class Jce implements AeadCipher {
        /** The provider {@code Cipher.getInstance(transformation)} picks, per transformation, looked up once. */
        private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

        private final Cipher cipher;
        private final WipeableKey key;
        private final Function<byte[], AlgorithmParameterSpec> spec;

        Jce(String transformation, WipeableKey key, Function<byte[], AlgorithmParameterSpec> spec) {
            this.key = key;
            this.spec = spec;
            try {
                this.cipher = Cipher.getInstance(transformation, provider(transformation));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(transformation + " is missing from this JDK", e);
            }
        }

        /**
         * A cipher asked for by name alone keeps its provider candidates (transform and service lists, about 280
         * octets) until its first use, which for the two ciphers of an idle session is never; one made for a
         * given provider has none.
         */
        private static Provider provider(String transformation) throws GeneralSecurityException {
            Provider known = PROVIDERS.get(transformation);
            if (known == null) {
                known = Cipher.getInstance(transformation).getProvider();
                PROVIDERS.put(transformation, known);
            }
            return known;
        }

        @Override
        public void init(boolean encrypt, byte[] nonce) {
            try {
                cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, spec.apply(nonce));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AEAD init failed", e);
            }
        }

        @Override
        public void updateAad(byte[] aad, int off, int len) {
            cipher.updateAAD(aad, off, len);
        }

        @Override
        public int doFinal(byte[] in, int off, int len, byte[] out, int outOff) {
            try {
                return cipher.doFinal(in, off, len, out, outOff);
            } catch (AEADBadTagException e) {
                return BAD_TAG;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AEAD operation failed", e);
            }
        }

        @Override
        public void wipe() {
            WipeableKey zero = key.zero();
            key.destroy();
            try {
                // Replace the expanded key cached inside the provider with the schedule of a zero key.
                byte[] nonce = new byte[12];
                nonce[0] = 1;
                cipher.init(Cipher.DECRYPT_MODE, zero, spec.apply(nonce));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("re-keying with zeros failed", e);
            }
        }

        @Override
        public boolean isWiped() {
            return key.isDestroyed();
        }
    }

    /** A Bouncy Castle lightweight AEAD. */
    final class Bc implements AeadCipher {
        private final AEADCipher aead;
        private final KeyParameter key;
        private final int tagBits;

        Bc(AEADCipher cipher, byte[] key, int icvLength) {
            this.aead = cipher;
            this.key = new KeyParameter(key);
            this.tagBits = icvLength * 8;
        }

        @Override
        public void init(boolean encrypt, byte[] nonce) {
            aead.init(encrypt, new AEADParameters(key, tagBits, nonce));
        }

        @Override
        public void updateAad(byte[] aad, int off, int len) {
            aead.processAADBytes(aad, off, len);
        }

        @Override
        public int doFinal(byte[] in, int off, int len, byte[] out, int outOff) {
            int n = aead.processBytes(in, off, len, out, outOff);
            try {
                return n + aead.doFinal(out, outOff + n);
            } catch (InvalidCipherTextException e) {
                return BAD_TAG;
            }
        }

        @Override
        public void wipe() {
            // KeyParameter hands out its own array; zero it, then reset the engine's schedule.
            Arrays.fill(key.getKey(), (byte) 0);
            byte[] nonce = new byte[12];
            nonce[0] = 1;
            aead.init(false, new AEADParameters(new KeyParameter(new byte[key.getKeyLength()]), tagBits, nonce));
        }

        @Override
        public boolean isWiped() {
            int bits = 0;
            for (byte b : key.getKey()) {
                bits |= b;
            }
            return bits == 0;
        }
    }
}
