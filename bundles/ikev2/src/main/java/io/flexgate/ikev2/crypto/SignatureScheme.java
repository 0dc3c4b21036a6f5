package io.flexgate.ikev2.crypto;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The signature algorithms of RFC 7427 Digital Signature authentication (method 14) that we sign and verify,
 * with the AlgorithmIdentifier encodings of RFC 7427 Appendix A (byte for byte), the JCA algorithm and the
 * hash announced in SIGNATURE_HASH_ALGORITHMS. PSS uses MGF1 with the same hash and a salt as long as the
 * hash (Appendix A.4).
 */
public enum SignatureScheme {

    RSA_PKCS1_SHA1("RSA", HashAlgorithm.SHA1, "SHA1withRSA", "300d06092a864886f70d0101050500"),
    RSA_PKCS1_SHA256("RSA", HashAlgorithm.SHA2_256, "SHA256withRSA", "300d06092a864886f70d01010b0500"),
    RSA_PKCS1_SHA384("RSA", HashAlgorithm.SHA2_384, "SHA384withRSA", "300d06092a864886f70d01010c0500"),
    RSA_PKCS1_SHA512("RSA", HashAlgorithm.SHA2_512, "SHA512withRSA", "300d06092a864886f70d01010d0500"),
    RSA_PSS_SHA256("RSA", HashAlgorithm.SHA2_256, "RSASSA-PSS",
            "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d0609"
                    + "6086480165030402010500a203020120"),
    RSA_PSS_SHA384("RSA", HashAlgorithm.SHA2_384, "RSASSA-PSS",
            "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d0609"
                    + "6086480165030402020500a203020130"),
    RSA_PSS_SHA512("RSA", HashAlgorithm.SHA2_512, "RSASSA-PSS",
            "304106092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a06092a864886f70d010108300d0609"
                    + "6086480165030402030500a203020140"),
    ECDSA_SHA256("EC", HashAlgorithm.SHA2_256, "SHA256withECDSA", "300a06082a8648ce3d040302"),
    ECDSA_SHA384("EC", HashAlgorithm.SHA2_384, "SHA384withECDSA", "300a06082a8648ce3d040303"),
    ECDSA_SHA512("EC", HashAlgorithm.SHA2_512, "SHA512withECDSA", "300a06082a8648ce3d040304");

    private final String keyAlgorithm;
    private final HashAlgorithm hash;
    private final String jcaAlgorithm;
    private final byte[] algorithmIdentifier;

    SignatureScheme(String keyAlgorithm, HashAlgorithm hash, String jcaAlgorithm, String algorithmIdentifierHex) {
        this.keyAlgorithm = keyAlgorithm;
        this.hash = hash;
        this.jcaAlgorithm = jcaAlgorithm;
        this.algorithmIdentifier = HexFormat.of().parseHex(algorithmIdentifierHex);
    }

    /** {@code RSA} or {@code EC}, as {@link java.security.Key#getAlgorithm()} names it. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The JCA signature name for {@link io.flexgate.api.pki.Trustpoint#sign}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** PSS parameters, or {@code null}. */
    public AlgorithmParameterSpec parameters() {
        if (!"RSASSA-PSS".equals(jcaAlgorithm)) {
            return null;
        }
        String digest = hashName(hash);
        return new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), hashLength(hash),
                PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** The DER AlgorithmIdentifier (a copy). */
    public byte[] algorithmIdentifier() {
        return algorithmIdentifier.clone();
    }

    /**
     * The scheme whose AlgorithmIdentifier is {@code der}: byte for byte one of Appendix A, or an RSASSA-PSS
     * identifier with the same meaning in another valid DER form (hash AlgorithmIdentifiers without the NULL
     * parameter, RFC 4055 section 2.1 allows both). Never throws.
     */
    public static Optional<SignatureScheme> fromAlgorithmIdentifier(byte[] der) {
        for (SignatureScheme s : values()) {
            if (java.util.Arrays.equals(s.algorithmIdentifier, der)) {
                return Optional.of(s);
            }
        }
        return PssIdentifier.parse(der);
    }

    /**
     * Our default order when we sign: ECDSA, then RSA PKCS#1 v1.5, then PSS, SHA-1 last. PKCS#1 v1.5 goes before
     * PSS because SIGNATURE_HASH_ALGORITHMS names hashes only, and a peer announcing SHA-256 need not verify PSS.
     */
    public static List<SignatureScheme> preference() {
        return List.of(ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512, RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512,
                RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512, RSA_PKCS1_SHA1);
    }

    /** The JCA digest name of an RFC 7427 hash ({@code SHA-256}), or {@code null} for Identity and unknowns. */
    static String hashName(HashAlgorithm hash) {
        return switch (hash.value()) {
            case 1 -> "SHA-1";
            case 2 -> "SHA-256";
            case 3 -> "SHA-384";
            case 4 -> "SHA-512";
            default -> null;
        };
    }

    private static int hashLength(HashAlgorithm hash) {
        return switch (hash.value()) {
            case 1 -> 20;
            case 2 -> 32;
            case 3 -> 48;
            default -> 64;
        };
    }
}
