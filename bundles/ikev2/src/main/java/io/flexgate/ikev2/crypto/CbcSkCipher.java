package io.flexgate.ikev2.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The SK payload with a block cipher and an INTEG transform (RFC 7296 section 3.14): body
 * {@code IV | E(inner payloads | Padding | Pad Length) | ICV}, the ICV being the truncated MAC of every octet
 * of the message before it. The IV is random (it must be unpredictable for CBC). The ICV is checked in
 * constant time before anything is decrypted.
 */
final class CbcSkCipher implements SkCipher {

    private final Cipher cipher;
    private final Cipher.Keyed keyed;
    private final Integrity integrity;
    private final KeyedMac mac;
    private final SecureRandom random;

    CbcSkCipher(Cipher cipher, byte[] encryptionKey, Integrity integrity, byte[] integrityKey, SecureRandom random) {
        this.cipher = cipher;
        this.keyed = cipher.withKey(encryptionKey);
        this.integrity = integrity;
        this.mac = integrity.withKey(integrityKey);
        this.random = random;
    }

    @Override
    public int ivLength() {
        return cipher.ivLength();
    }

    @Override
    public int icvLength() {
        return integrity.icvLength();
    }

    private int paddedLength(int plaintextLength) {
        int block = cipher.blockSize();
        return (plaintextLength + 1 + block - 1) / block * block;
    }

    @Override
    public int sealedLength(int plaintextLength) {
        return cipher.ivLength() + paddedLength(plaintextLength) + integrity.icvLength();
    }

    @Override
    public byte[] seal(byte[] header, byte[] plaintext) {
        int padded = paddedLength(plaintext.length);
        byte[] block = Arrays.copyOf(plaintext, padded);
        block[padded - 1] = (byte) (padded - plaintext.length - 1);
        byte[] iv = new byte[cipher.ivLength()];
        random.nextBytes(iv);
        byte[] encrypted = keyed.encrypt(iv, block, 0, block.length);
        Arrays.fill(block, (byte) 0);
        byte[] body = new byte[sealedLength(plaintext.length)];
        System.arraycopy(iv, 0, body, 0, iv.length);
        System.arraycopy(encrypted, 0, body, iv.length, encrypted.length);
        byte[] icv = mac.update(header).update(body, 0, iv.length + encrypted.length).doFinal();
        System.arraycopy(icv, 0, body, iv.length + encrypted.length, icv.length);
        return body;
    }

    @Override
    public byte[] open(byte[] header, byte[] body) throws SkIntegrityException {
        int iv = cipher.ivLength();
        int icv = integrity.icvLength();
        int encrypted = body.length - iv - icv;
        if (encrypted < cipher.blockSize() || encrypted % cipher.blockSize() != 0) {
            throw new SkIntegrityException("SK body of " + body.length + " octets is no whole number of blocks");
        }
        byte[] expected = mac.update(header).update(body, 0, iv + encrypted).doFinal();
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(body, iv + encrypted, body.length))) {
            throw new SkIntegrityException("ICV does not verify");
        }
        return SkPadding.strip(keyed.decrypt(Arrays.copyOf(body, iv), body, iv, encrypted));
    }

    @Override
    public void close() {
        keyed.close();
        mac.close();
    }

    @Override
    public String toString() {
        return "CbcSkCipher[" + cipher + ", " + integrity.algorithm().name() + "]";
    }
}
