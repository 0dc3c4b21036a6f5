package io.flexgate.esp;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/**
 * Writes the explicit IV of an outbound packet. Called under the outbound SA's lock.
 */
@FunctionalInterface
interface IvSource {

    /** Writes the IV of the packet with sequence number {@code seq} at {@code out[off]}. */
    void write(long seq, byte[] out, int off, int length);

    /**
     * The 64-bit sequence number as the IV: unique per key, which is all RFC 4106 section 3.1 and
     * RFC 7634 section 2 ask of it.
     */
    static IvSource sequence() {
        return (seq, out, off, length) -> Octets.putLong(out, off + length - Long.BYTES, seq);
    }

    /**
     * For CBC, whose IV must be unpredictable (RFC 3602 section 2.3): the sequence number encrypted with
     * AES under a random key of this SA alone, so IVs never repeat and cannot be predicted without that
     * key; and no per-packet call into the system's random source.
     */
    static IvSource encryptedCounter(SecureRandom random) {
        byte[] keyBytes = new byte[16];
        random.nextBytes(keyBytes);
        WipeableKey key = new WipeableKey("AES", keyBytes, 0, keyBytes.length);
        java.util.Arrays.fill(keyBytes, (byte) 0);
        Cipher ecb;
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this JDK", e);
        } finally {
            key.destroy();
        }
        byte[] block = new byte[16];
        return (seq, out, off, length) -> {
            Octets.putLong(block, 8, seq);
            try {
                ecb.doFinal(block, 0, 16, out, off);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-ECB of one block failed", e);
            }
        };
    }
}
