package io.flexgate.ikev2.crypto;

/**
 * Octets of each CHILD_SA key per direction (RFC 7296 section 2.17): the encryption key with, for AEAD, its salt
 * at the end (RFC 4106 section 8.1, RFC 7634 section 2), and the integrity key, 0 for AEAD.
 */
public record ChildSaKeyLengths(int encryption, int integrity) {

    public ChildSaKeyLengths {
        if (encryption <= 0 || integrity < 0) {
            throw new IllegalArgumentException("key lengths " + encryption + "/" + integrity);
        }
    }
}
