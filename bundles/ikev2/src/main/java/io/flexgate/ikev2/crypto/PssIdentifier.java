package io.flexgate.ikev2.crypto;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Reads an id-RSASSA-PSS AlgorithmIdentifier (RFC 4055 section 3.1) that is not byte for byte one of RFC 7427
 * Appendix A but means the same: SHA-2 hash, MGF1 with that hash, salt as long as the hash, trailer 1.
 */
final class PssIdentifier {

    /** An AlgorithmIdentifier fits the one-octet length of RFC 7427 section 3. */
    private static final int MAX_LENGTH = 255;

    private PssIdentifier() {
    }

    static Optional<SignatureScheme> parse(byte[] der) {
        if (der.length == 0 || der.length > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!java.util.Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
                return Optional.empty();
            }
            AlgorithmIdentifier id = AlgorithmIdentifier.getInstance(primitive);
            if (!PKCSObjectIdentifiers.id_RSASSA_PSS.equals(id.getAlgorithm()) || id.getParameters() == null) {
                return Optional.empty();
            }
            RSASSAPSSparams params = RSASSAPSSparams.getInstance(id.getParameters());
            ASN1ObjectIdentifier hash = params.getHashAlgorithm().getAlgorithm();
            AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
            if (!hashParametersAbsentOrNull(params.getHashAlgorithm())
                    || !PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                    || params.getTrailerField().intValueExact() != 1) {
                return Optional.empty();
            }
            AlgorithmIdentifier mgfHash = AlgorithmIdentifier.getInstance(mgf.getParameters());
            if (!hash.equals(mgfHash.getAlgorithm()) || !hashParametersAbsentOrNull(mgfHash)) {
                return Optional.empty();
            }
            int salt = params.getSaltLength().intValueExact();
            if (NISTObjectIdentifiers.id_sha256.equals(hash) && salt == 32) {
                return Optional.of(SignatureScheme.RSA_PSS_SHA256);
            } else if (NISTObjectIdentifiers.id_sha384.equals(hash) && salt == 48) {
                return Optional.of(SignatureScheme.RSA_PSS_SHA384);
            } else if (NISTObjectIdentifiers.id_sha512.equals(hash) && salt == 64) {
                return Optional.of(SignatureScheme.RSA_PSS_SHA512);
            }
            return Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            // Malformed DER in a peer's AUTH payload: simply not a scheme we know.
            return Optional.empty();
        }
    }

    private static boolean hashParametersAbsentOrNull(AlgorithmIdentifier hash) {
        return hash.getParameters() == null || DERNull.INSTANCE.equals(hash.getParameters());
    }
}
