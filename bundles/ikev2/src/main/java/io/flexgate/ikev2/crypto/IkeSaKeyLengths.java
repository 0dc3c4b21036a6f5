package io.flexgate.ikev2.crypto;

/**
 * Octets of each IKE SA key (RFC 7296 section 2.14): SK_d and SK_pi/SK_pr take the PRF's preferred key
 * size, SK_ai/SK_ar the INTEG key size (0 with an AEAD cipher), SK_ei/SK_er the cipher key plus, for AEAD,
 * its salt (RFC 5282 section 7.1: 4 octets for GCM, RFC 7634 section 4: 4 octets for ChaCha20-Poly1305).
 */
public record IkeSaKeyLengths(int skD, int skA, int skE, int skP) {

    public IkeSaKeyLengths {
        if (skD <= 0 || skA < 0 || skE <= 0 || skP <= 0) {
            throw new IllegalArgumentException("key lengths " + skD + "/" + skA + "/" + skE + "/" + skP);
        }
    }

    /** Octets of prf+ output the seven keys take. */
    public int total() {
        return skD + 2 * skA + 2 * skE + 2 * skP;
    }
}
