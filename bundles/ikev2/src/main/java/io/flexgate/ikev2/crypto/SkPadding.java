package io.flexgate.ikev2.crypto;

import java.util.Arrays;

/** The Padding and Pad Length of a decrypted SK payload (RFC 7296 section 3.14). */
final class SkPadding {

    private SkPadding() {
    }

    /**
     * The inner payloads of {@code decrypted} without padding; wipes {@code decrypted}. The padding's content
     * is not checked: the sender may choose any value.
     */
    static byte[] strip(byte[] decrypted) throws SkIntegrityException {
        try {
            if (decrypted.length == 0) {
                throw new SkIntegrityException("no Pad Length octet");
            }
            int padLength = decrypted[decrypted.length - 1] & 0xff;
            if (padLength + 1 > decrypted.length) {
                throw new SkIntegrityException("Pad Length " + padLength + " exceeds the " + decrypted.length
                        + " decrypted octets");
            }
            return Arrays.copyOf(decrypted, decrypted.length - padLength - 1);
        } finally {
            Arrays.fill(decrypted, (byte) 0);
        }
    }
}
