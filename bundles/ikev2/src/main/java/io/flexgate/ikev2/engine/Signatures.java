package io.flexgate.ikev2.engine;

import io.flexgate.api.pki.Trustpoint;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.Prf;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * AUTH payload values (RFC 7296 section 2.15, RFC 7427): our signature through the trustpoint, and the
 * shared-key MIC used after EAP.
 */
final class Signatures {

    /** RFC 7296 section 2.15: the pad string of the shared-key MIC. */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);
    /** RFC 7427 appendix A: AlgorithmIdentifier sha256WithRSAEncryption, with its length octet in front. */
    private static final byte[] RSA_SHA256 = HexFormat.of().parseHex("0f300d06092a864886f70d01010b0500");
    /** RFC 7427 appendix A: ecdsa-with-SHA256 and ecdsa-with-SHA384, with their length octets. */
    private static final byte[] ECDSA_SHA256 = HexFormat.of().parseHex("0c300a06082a8648ce3d040302");
    private static final byte[] ECDSA_SHA384 = HexFormat.of().parseHex("0c300a06082a8648ce3d040303");

    private Signatures() {
    }

    /**
     * Signs {@code octets} with the trustpoint's key: RFC 7427 digital signature (method 14) with SHA-256 when
     * the peer announced SHA2-256 in SIGNATURE_HASH_ALGORITHMS, otherwise RSA method 1 (PKCS#1 v1.5, SHA-1).
     */
    static AuthPayload sign(Trustpoint trustpoint, byte[] octets, boolean peerSupportsSha2) throws GeneralSecurityException {
        if ("EC".equals(trustpoint.keyAlgorithm())) {
            boolean p384 = trustpoint.keySize() > 256;
            byte[] sig = trustpoint.sign(p384 ? "SHA384withECDSA" : "SHA256withECDSA", null, octets);
            return new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, Bytes.of(concat(p384 ? ECDSA_SHA384 : ECDSA_SHA256, sig)));
        }
        if (peerSupportsSha2) {
            byte[] sig = trustpoint.sign("SHA256withRSA", null, octets);
            return new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, Bytes.of(concat(RSA_SHA256, sig)));
        }
        return new AuthPayload(AuthMethod.RSA_DIGITAL_SIGNATURE, Bytes.of(trustpoint.sign("SHA1withRSA", null, octets)));
    }

    /** {@code prf(prf(key, "Key Pad for IKEv2"), octets)}. */
    static byte[] sharedKeyMic(Prf prf, byte[] key, byte[] octets) {
        byte[] padded = prf.compute(key, KEY_PAD);
        try {
            return prf.compute(padded, octets);
        } finally {
            java.util.Arrays.fill(padded, (byte) 0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
