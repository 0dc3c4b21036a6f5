package io.flexgate.esp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-CBC (RFC 3602) with a truncated HMAC (RFC 2404 SHA-1-96, RFC 4868 SHA-2): encrypt-then-MAC, the ICV
 * over SPI | sequence number | IV | ciphertext, plus the high 32 bits of the sequence number when ESN is
 * on (RFC 4303 section 3.3.2.2, not sent). Inbound, the ICV is checked before anything is decrypted.
 */
final class CbcHmacTransform implements EspTransform {

    static final int AES_BLOCK = 16;

    private final Cipher cbc;
    private final Mac mac;
    private final WipeableKey encryptionKey;
    private final WipeableKey integrityKey;
    private final int icvLength;
    private final IvSource ivSource;
    private final byte[] fullMac;
    private final byte[] seqHigh = new byte[4];

    CbcHmacTransform(byte[] encryptionKey, String macAlgorithm, byte[] integrityKey, int icvLength,
            IvSource ivSource) {
        this.encryptionKey = new WipeableKey("AES", encryptionKey, 0, encryptionKey.length);
        this.integrityKey = new WipeableKey(macAlgorithm, integrityKey, 0, integrityKey.length);
        this.icvLength = icvLength;
        this.ivSource = ivSource;
        try {
            this.cbc = Cipher.getInstance("AES/CBC/NoPadding");
            this.mac = Mac.getInstance(macAlgorithm);
            mac.init(this.integrityKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC or " + macAlgorithm + " is missing from this JDK", e);
        }
        this.fullMac = new byte[mac.getMacLength()];
    }

    @Override
    public int ivLength() {
        return AES_BLOCK;
    }

    @Override
    public int icvLength() {
        return icvLength;
    }

    @Override
    public int cipherBlockSize() {
        return AES_BLOCK;
    }

    @Override
    public int seal(byte[] plaintext, int ptOff, int ptLength, byte[] packet, int off, long seq, boolean esn) {
        int ivOff = off + EspPacket.HEADER_LENGTH;
        int ctOff = ivOff + AES_BLOCK;
        ivSource.write(seq, packet, ivOff, AES_BLOCK);
        try {
            cbc.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(packet, ivOff, AES_BLOCK));
            int icvOff = ctOff + cbc.doFinal(plaintext, ptOff, ptLength, packet, ctOff);
            computeMac(packet, off, icvOff - off, seq, esn);
            System.arraycopy(fullMac, 0, packet, icvOff, icvLength);
            return icvOff + icvLength - off;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    @Override
    public int open(byte[] packet, int off, int len, long seq, boolean esn, byte[] out, int outOff) {
        int icvOff = off + len - icvLength;
        computeMac(packet, off, icvOff - off, seq, esn);
        if (!Octets.equalsConstantTime(fullMac, 0, packet, icvOff, icvLength)) {
            return INTEGRITY_FAILED;
        }
        int ivOff = off + EspPacket.HEADER_LENGTH;
        int ctOff = ivOff + AES_BLOCK;
        try {
            cbc.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(packet, ivOff, AES_BLOCK));
            return cbc.doFinal(packet, ctOff, icvOff - ctOff, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC decryption failed", e);
        }
    }

    private void computeMac(byte[] packet, int off, int len, long seq, boolean esn) {
        mac.update(packet, off, len);
        if (esn) {
            Octets.putInt(seqHigh, 0, (int) (seq >>> 32));
            mac.update(seqHigh, 0, 4);
        }
        try {
            mac.doFinal(fullMac, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    @Override
    public boolean isWiped() {
        return encryptionKey.isDestroyed() && integrityKey.isDestroyed();
    }

    @Override
    public void wipe() {
        WipeableKey zeroEncryption = encryptionKey.zero();
        WipeableKey zeroIntegrity = integrityKey.zero();
        encryptionKey.destroy();
        integrityKey.destroy();
        java.util.Arrays.fill(fullMac, (byte) 0);
        try {
            // Replace the key schedule and HMAC pads cached inside the providers.
            cbc.init(Cipher.DECRYPT_MODE, zeroEncryption, new IvParameterSpec(new byte[AES_BLOCK]));
            mac.init(zeroIntegrity);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("re-keying with zeros failed", e);
        }
    }
}
