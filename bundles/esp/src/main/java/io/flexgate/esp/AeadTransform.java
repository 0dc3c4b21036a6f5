package io.flexgate.esp;

/**
 * AES-GCM (RFC 4106) and ChaCha20-Poly1305 (RFC 7634): nonce = 4-octet salt from KEYMAT | 8-octet explicit
 * IV; AAD = SPI | sequence number, or SPI | high 32 bits | low 32 bits with ESN (RFC 4106 section 5,
 * RFC 7634 section 2.1). The ICV is the AEAD tag.
 */
final class AeadTransform implements EspTransform {

    static final int SALT_LENGTH = 4;
    static final int EXPLICIT_IV_LENGTH = 8;
    private static final int NONCE_LENGTH = SALT_LENGTH + EXPLICIT_IV_LENGTH;

    private final AeadCipher cipher;
    private final int icvLength;
    private final IvSource ivSource;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final byte[] aad = new byte[12];

    /** {@code salt} is the last 4 octets of the SA's encryption KEYMAT. */
    AeadTransform(AeadCipher cipher, byte[] salt, int icvLength, IvSource ivSource) {
        this.cipher = cipher;
        this.icvLength = icvLength;
        this.ivSource = ivSource;
        System.arraycopy(salt, 0, nonce, 0, SALT_LENGTH);
    }

    @Override
    public int ivLength() {
        return EXPLICIT_IV_LENGTH;
    }

    @Override
    public int icvLength() {
        return icvLength;
    }

    @Override
    public int cipherBlockSize() {
        return 1;
    }

    @Override
    public int seal(byte[] plaintext, int ptOff, int ptLength, byte[] packet, int off, long seq, boolean esn) {
        int ivOff = off + EspPacket.HEADER_LENGTH;
        ivSource.write(seq, packet, ivOff, EXPLICIT_IV_LENGTH);
        System.arraycopy(packet, ivOff, nonce, SALT_LENGTH, EXPLICIT_IV_LENGTH);
        cipher.init(true, nonce);
        cipher.updateAad(aad, 0, buildAad(packet, off, seq, esn));
        return EspPacket.HEADER_LENGTH + EXPLICIT_IV_LENGTH
                + cipher.doFinal(plaintext, ptOff, ptLength, packet, ivOff + EXPLICIT_IV_LENGTH);
    }

    @Override
    public int open(byte[] packet, int off, int len, long seq, boolean esn, byte[] out, int outOff) {
        int ivOff = off + EspPacket.HEADER_LENGTH;
        System.arraycopy(packet, ivOff, nonce, SALT_LENGTH, EXPLICIT_IV_LENGTH);
        cipher.init(false, nonce);
        cipher.updateAad(aad, 0, buildAad(packet, off, seq, esn));
        int ctOff = ivOff + EXPLICIT_IV_LENGTH;
        int n = cipher.doFinal(packet, ctOff, len - (ctOff - off), out, outOff);
        return n < 0 ? INTEGRITY_FAILED : n;
    }

    private int buildAad(byte[] packet, int off, long seq, boolean esn) {
        System.arraycopy(packet, off, aad, 0, 4);
        if (esn) {
            Octets.putLong(aad, 4, seq);
            return 12;
        }
        Octets.putInt(aad, 4, (int) seq);
        return 8;
    }

    @Override
    public boolean isWiped() {
        return cipher.isWiped();
    }

    @Override
    public void wipe() {
        cipher.wipe();
        java.util.Arrays.fill(nonce, (byte) 0);
    }
}
