package io.flexgate.ikev2.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The SK payload with an AEAD cipher (RFC 5282 section 5): body {@code IV(8) | ciphertext | ICV}, the
 * plaintext being the inner payloads, no padding and a zero Pad Length octet (GCM and ChaCha20 need no
 * block alignment), the associated data everything before the IV. The IV is a counter started at a
 * random value, so it never repeats under one key (RFC 5282 section 3.1 allows a counter).
 */
final class AeadSkCipher implements SkCipher {

    private final Aead aead;
    private final Aead.Keyed keyed;
    private long nextIv;

    AeadSkCipher(Aead aead, byte[] keyAndSalt, long firstIv) {
        this.aead = aead;
        this.keyed = aead.withKey(keyAndSalt);
        this.nextIv = firstIv;
    }

    @Override
    public int ivLength() {
        return aead.ivLength();
    }

    @Override
    public int icvLength() {
        return aead.icvLength();
    }

    @Override
    public int sealedLength(int plaintextLength) {
        return aead.ivLength() + plaintextLength + 1 + aead.icvLength();
    }

    @Override
    public byte[] seal(byte[] header, byte[] plaintext) {
        byte[] iv = ByteBuffer.allocate(aead.ivLength()).putLong(nextIv++).array();
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
        byte[] sealed = keyed.seal(iv, header, padded, 0, padded.length);
        Arrays.fill(padded, (byte) 0);
        byte[] body = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, body, 0, iv.length);
        System.arraycopy(sealed, 0, body, iv.length, sealed.length);
        return body;
    }

    @Override
    public byte[] open(byte[] header, byte[] body) throws SkIntegrityException {
        int iv = aead.ivLength();
        if (body.length < iv + 1 + aead.icvLength()) {
            throw new SkIntegrityException("SK body of " + body.length + " octets is too short");
        }
        byte[] plain;
        try {
            plain = keyed.open(Arrays.copyOf(body, iv), header, body, iv, body.length - iv);
        } catch (AEADBadTagException e) {
            throw new SkIntegrityException("ICV does not verify");
        }
        return SkPadding.strip(plain);
    }

    @Override
    public void releaseBetweenOperations() {
        keyed.releaseBetweenOperations();
    }

    @Override
    public void close() {
        keyed.close();
    }

    @Override
    public String toString() {
        return "AeadSkCipher[" + aead + "]";
    }
}
