package io.flexgate.ikev2.message;

import io.flexgate.ikev2.crypto.SkCipher;
import io.flexgate.ikev2.crypto.SkIntegrityException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only SK protection with ENCR_AES_GCM_16 through JCE (RFC 5282): the key material is the AES key
 * followed by a 4-octet salt, the nonce is salt | 8-octet explicit IV, the associated data is everything
 * before the IV, the ICV has 16 octets. Padding is the Pad Length octet alone (RFC 5282 section 3 allows
 * zero padding octets). Written independently of the crypto package so the codec tests do not depend on it.
 */
class GcmTestCipher implements SkCipher {

    private static final int SALT = 4;
    private static final int IV = 8;
    private static final int ICV = 16;

    private final byte[] key;
    private final byte[] salt;
    private long counter;

    GcmTestCipher(byte[] keyAndSalt) {
        this.key = Arrays.copyOf(keyAndSalt, keyAndSalt.length - SALT);
        this.salt = Arrays.copyOfRange(keyAndSalt, keyAndSalt.length - SALT, keyAndSalt.length);
    }

    static GcmTestCipher ofHex(String hex) {
        return new GcmTestCipher(java.util.HexFormat.of().parseHex(hex));
    }

    @Override
    public int ivLength() {
        return IV;
    }

    @Override
    public int icvLength() {
        return ICV;
    }

    @Override
    public int sealedLength(int plaintextLength) {
        return IV + plaintextLength + 1 + ICV;
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = ByteBuffer.allocate(SALT + IV).put(salt).put(iv).array();
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(ICV * 8, nonce));
        return c;
    }

    @Override
    public byte[] seal(byte[] header, byte[] plaintext) {
        byte[] iv = ByteBuffer.allocate(IV).putLong(++counter).array();
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, iv);
            c.updateAAD(header);
            byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
            byte[] ct = c.doFinal(padded);
            return ByteBuffer.allocate(IV + ct.length).put(iv).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] open(byte[] header, byte[] body) throws SkIntegrityException {
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(body, IV));
            c.updateAAD(header);
            byte[] padded = c.doFinal(body, IV, body.length - IV);
            int padLength = padded[padded.length - 1] & 0xFF;
            if (padLength + 1 > padded.length) {
                throw new SkIntegrityException("pad length " + padLength);
            }
            return Arrays.copyOf(padded, padded.length - 1 - padLength);
        } catch (AEADBadTagException e) {
            throw new SkIntegrityException("ICV mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }
}
