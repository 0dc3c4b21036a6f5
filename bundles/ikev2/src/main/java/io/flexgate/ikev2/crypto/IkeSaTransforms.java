package io.flexgate.ikev2.crypto;

/**
 * The transforms negotiated for an IKE SA (RFC 7296 section 3.3): ENCR with its Key Length attribute in bits
 * (0 when it has none), PRF, INTEG ({@link IntegAlgorithm#NONE} with an AEAD cipher) and the DH group.
 */
public record IkeSaTransforms(EncrAlgorithm encr, int encrKeyBits, PrfAlgorithm prf, IntegAlgorithm integ,
        DhGroup dhGroup) {

    public IkeSaTransforms {
        if (encrKeyBits < 0) {
            throw new IllegalArgumentException("key length " + encrKeyBits);
        }
    }

    /** {@code ENCR_AES_GCM_16/128 PRF_HMAC_SHA2_256 NONE CURVE25519}. */
    @Override
    public String toString() {
        return encr.name() + (encrKeyBits > 0 ? "/" + encrKeyBits : "") + " " + prf.name() + " " + integ.name() + " "
                + dhGroup.name();
    }
}
