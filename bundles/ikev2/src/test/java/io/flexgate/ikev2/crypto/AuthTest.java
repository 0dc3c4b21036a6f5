package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.capture;
import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.pki.Trustpoint;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AUTH payloads. Known answers come from the real strongSwan exchange in test resources (signed octets, MSK-based
 * shared-key MICs, and the responder's RFC 7427 RSA signature with its certificate).
 */
class AuthTest {

    private static final Prf SHA256 = CryptoSuite.defaults().prf(PrfAlgorithm.PRF_HMAC_SHA2_256).orElseThrow();
    private static final SignatureAuth SIGNATURES = new SignatureAuth(CryptoSuite.defaults());
    private static final EnumSet<SignatureScheme> ALL = EnumSet.allOf(SignatureScheme.class);

    private static KeyPair rsa;
    private static KeyPair p256;
    private static KeyPair p384;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = ec.generateKeyPair();
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        p384 = ec.generateKeyPair();
    }

    @Test
    void signedOctetsOfBothSidesMatchStrongSwan() {
        assertThat(AuthOctets.signedOctets(SHA256, capture("ike_sa_init_request"), capture("nr"),
                Secret.copyOf(capture("sk_pi")), capture("id_i_prime"))).isEqualTo(capture("octets_i"));
        assertThat(AuthOctets.signedOctets(SHA256, capture("ike_sa_init_response"), capture("ni"),
                Secret.copyOf(capture("sk_pr")), capture("id_r_prime"))).isEqualTo(capture("octets_r"));
    }

    /** RFC 7296 section 2.16: after EAP with an MSK, both AUTH payloads are MICs keyed with the MSK. */
    @Test
    void sharedKeyMicWithTheMskMatchesStrongSwan() {
        SharedKeyAuth mic = new SharedKeyAuth(SHA256);
        Secret msk = Secret.copyOf(capture("msk"));
        Secret secret = SharedKeyAuth.eapSharedSecret(msk, Secret.copyOf(capture("sk_pi")));
        assertThat(secret).isSameAs(msk);
        assertThat(mic.compute(secret, capture("octets_i"))).isEqualTo(capture("auth_i"));
        assertThat(mic.compute(secret, capture("octets_r"))).isEqualTo(capture("auth_r_eap"));
        assertThat(SHA256.compute(capture("msk"), "Key Pad for IKEv2".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(capture("prf_msk_keypad"));
        assertThat(mic.verify(secret, capture("octets_i"), capture("auth_i"))).isTrue();
        byte[] bad = capture("auth_i");
        bad[31] ^= 1;
        assertThat(mic.verify(secret, capture("octets_i"), bad)).isFalse();
        assertThat(mic.verify(secret, capture("octets_i"), Arrays.copyOf(capture("auth_i"), 16))).isFalse();
    }

    /** RFC 7296 section 2.16 and anchors.md 2.6: without an MSK, SK_pi/SK_pr key the MIC. */
    @Test
    void sharedKeyMicWithoutMskUsesSkP() {
        Secret skPi = Secret.copyOf(capture("sk_pi"));
        assertThat(SharedKeyAuth.eapSharedSecret(null, skPi)).isSameAs(skPi);
        assertThat(SharedKeyAuth.eapSharedSecret(Secret.copyOf(new byte[0]), skPi)).isSameAs(skPi);
        SharedKeyAuth mic = new SharedKeyAuth(SHA256);
        byte[] expected = SHA256.compute(SHA256.compute(capture("sk_pi"),
                "Key Pad for IKEv2".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), capture("octets_i"));
        assertThat(mic.compute(skPi, capture("octets_i"))).isEqualTo(expected).isNotEqualTo(capture("auth_i"));
    }

    /** The real responder AUTH: RFC 7427 with sha256WithRSAEncryption, checked with the key of its CERT payload. */
    @Test
    void verifiesTheRealStrongSwanRfc7427Signature() throws Exception {
        PublicKey key = ((X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(capture("cert_r")))).getPublicKey();
        assertThat(SIGNATURES.verifyDigitalSignature(key, capture("auth_r_sig"), capture("octets_r"), ALL))
                .isEqualTo(new SignatureAuth.Verification.Valid("SHA256withRSA"));
        byte[] octets = capture("octets_r");
        octets[100] ^= 1;
        assertThat(SIGNATURES.verifyDigitalSignature(key, capture("auth_r_sig"), octets, ALL))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        assertThat(SIGNATURES.verifyDigitalSignature(key, capture("auth_r_sig"), capture("octets_r"),
                EnumSet.of(SignatureScheme.RSA_PSS_SHA256))).isInstanceOf(SignatureAuth.Verification.Invalid.class);
        assertThat(SIGNATURES.verifyDigitalSignature(p256.getPublic(), capture("auth_r_sig"), capture("octets_r"), ALL))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
    }

    @Test
    void everySchemeSignsThroughTheTrustpointAndVerifies() throws Exception {
        byte[] octets = capture("octets_r");
        for (SignatureScheme scheme : SignatureScheme.values()) {
            KeyPair pair = "EC".equals(scheme.keyAlgorithm()) ? p384 : rsa;
            byte[] auth = SIGNATURES.signDigitalSignature(new KeyPairTrustpoint(pair), scheme, octets);
            byte[] algorithmIdentifier = scheme.algorithmIdentifier();
            assertThat(auth[0] & 0xff).isEqualTo(algorithmIdentifier.length);
            assertThat(Arrays.copyOfRange(auth, 1, 1 + algorithmIdentifier.length)).isEqualTo(algorithmIdentifier);
            assertThat(SIGNATURES.verifyDigitalSignature(pair.getPublic(), auth, octets, ALL)).as(scheme.name())
                    .isEqualTo(new SignatureAuth.Verification.Valid(scheme.jcaAlgorithm()));
            byte[] bad = auth.clone();
            bad[bad.length - 5] ^= 1;
            assertThat(SIGNATURES.verifyDigitalSignature(pair.getPublic(), bad, octets, ALL)).as(scheme.name())
                    .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        }
    }

    @Test
    void malformedAuthDataIsInvalidNotAnException() {
        for (byte[] data : new byte[][] {new byte[0], new byte[1], hex("0f300d06092a864886f70d01010b0500"),
                hex("ff00"), new byte[SignatureAuth.MAX_AUTH_DATA_LENGTH + 1], hex("0f300d06092a864886f70d01010b0500 00")}) {
            assertThat(SIGNATURES.verifyDigitalSignature(rsa.getPublic(), data, new byte[8], ALL))
                    .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        }
        assertThat(SIGNATURES.verifyRsa(rsa.getPublic(), new byte[3], new byte[8], List.of("SHA-1")))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
    }

    /**
     * Method 1 is RSASSA-PKCS1-v1_5 over the signed octets' SHA-1 (RFC 7296 section 3.8), checked by opening the
     * signature with the public key; Cisco's variant hashes with the PRF's hash and verifies only when that hash is
     * allowed.
     */
    @Test
    void rsaMethod1WithSha1AndWithThePrfHash() throws Exception {
        byte[] octets = capture("octets_i");
        KeyPairTrustpoint trustpoint = new KeyPairTrustpoint(rsa);
        byte[] sha1 = SIGNATURES.signRsa(trustpoint, "SHA-1", octets);
        byte[] block = new BigInteger(1, sha1).modPow(((RSAPublicKey) rsa.getPublic()).getPublicExponent(),
                ((RSAPublicKey) rsa.getPublic()).getModulus()).toByteArray();
        byte[] digestInfo = IkeKeyDerivation.concat(hex("3021300906052b0e03021a05000414"),
                MessageDigest.getInstance("SHA-1").digest(octets));
        assertThat(block[0]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(block, block.length - digestInfo.length, block.length)).isEqualTo(digestInfo);
        assertThat(SIGNATURES.verifyRsa(rsa.getPublic(), sha1, octets, List.of("SHA-1")))
                .isEqualTo(new SignatureAuth.Verification.Valid("SHA1withRSA"));

        byte[] cisco = SIGNATURES.signRsa(trustpoint, SHA256.hashAlgorithm(), octets);
        assertThat(SIGNATURES.verifyRsa(rsa.getPublic(), cisco, octets, List.of("SHA-1")))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        assertThat(SIGNATURES.verifyRsa(rsa.getPublic(), cisco, octets, List.of("SHA-1", SHA256.hashAlgorithm())))
                .isEqualTo(new SignatureAuth.Verification.Valid("SHA256withRSA"));
        assertThat(SIGNATURES.verifyRsa(p256.getPublic(), cisco, octets, List.of("SHA-256")))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
    }

    private static PublicKey ecPublic(String curve, String x, String y) throws Exception {
        java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        java.security.spec.ECParameterSpec spec = parameters.getParameterSpec(java.security.spec.ECParameterSpec.class);
        return java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
                new java.security.spec.ECPoint(new BigInteger(x, 16), new BigInteger(y, 16)), spec));
    }

    /** RFC 4754 sections 8.1 and 8.2: the published signatures of "abc" verify as methods 9 and 10. */
    @Test
    void rfc4754EcdsaVectorsVerify() throws Exception {
        byte[] abc = "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        PublicKey p256Key = ecPublic("secp256r1", "2442A5CC0ECD015FA3CA31DC8E2BBC70BF42D60CBCA20085E0822CB04235E970",
                "6FC98BD7E50211A4A27102FA3549DF79EBCB4BF246B80945CDDFE7D509BBFD7D");
        byte[] sig256 = hex("CB28E0999B9C7715FD0A80D8E47A77079716CBBF917DD72E97566EA1C066957C"
                + "86FA3BB4E26CAD5BF90B7F81899256CE7594BB1EA0C89212748BFF3B3D5B0315");
        assertThat(SIGNATURES.verifyEcdsa(p256Key, AuthMethod.ECDSA_SHA256_P256, sig256, abc))
                .isEqualTo(new SignatureAuth.Verification.Valid("SHA256withECDSA"));
        PublicKey p384Key = ecPublic("secp384r1",
                "96281BF8DD5E0525CA049C048D345D3082968D10FEDF5C5ACA0C64E6465A97EA5CE10C9DFEC21797415710721F437922",
                "447688BA94708EB6E2E4D59F6AB6D7EDFF9301D249FE49C33096655F5D502FAD3D383B91C5E7EDAA2B714CC99D5743CA");
        byte[] sig384 = hex("FB017B914E29149432D8BAC29A514640B46F53DDAB2C69948084E2930F1C8F7E08E07C9C63F2D21A07DCB56A6AF56EB3"
                + "B263A1305E057F984D38726A1B46874109F417BCA112674C528262A40A629AF1CBB9F516CE0FA7D2FF630863A00E8B9F");
        assertThat(SIGNATURES.verifyEcdsa(p384Key, AuthMethod.ECDSA_SHA384_P384, sig384, abc))
                .isEqualTo(new SignatureAuth.Verification.Valid("SHA384withECDSA"));
        byte[] bad = sig256.clone();
        bad[40] ^= 1;
        assertThat(SIGNATURES.verifyEcdsa(p256Key, AuthMethod.ECDSA_SHA256_P256, bad, abc))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        assertThat(SIGNATURES.verifyEcdsa(p384Key, AuthMethod.ECDSA_SHA256_P256, sig256, abc))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        assertThat(SIGNATURES.verifyEcdsa(p256Key, AuthMethod.ECDSA_SHA256_P256, Arrays.copyOf(sig256, 63), abc))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
        assertThat(SIGNATURES.verifyEcdsa(rsa.getPublic(), AuthMethod.ECDSA_SHA256_P256, sig256, abc))
                .isInstanceOf(SignatureAuth.Verification.Invalid.class);
    }

    @Test
    void rfc4754EcdsaSignsThroughTheTrustpoint() throws Exception {
        byte[] octets = capture("octets_i");
        byte[] auth = SIGNATURES.signEcdsa(new KeyPairTrustpoint(p384), AuthMethod.ECDSA_SHA384_P384, octets);
        assertThat(auth).hasSize(96);
        assertThat(SIGNATURES.verifyEcdsa(p384.getPublic(), AuthMethod.ECDSA_SHA384_P384, auth, octets))
                .isEqualTo(new SignatureAuth.Verification.Valid("SHA384withECDSA"));
        byte[] p256Auth = SIGNATURES.signEcdsa(new KeyPairTrustpoint(p256), AuthMethod.ECDSA_SHA256_P256, octets);
        assertThat(SIGNATURES.verifyEcdsa(p256.getPublic(), AuthMethod.ECDSA_SHA256_P256, p256Auth, octets))
                .isInstanceOf(SignatureAuth.Verification.Valid.class);
    }

    /** RFC 7427 Appendix A.4: the PSS AlgorithmIdentifiers, rebuilt independently with Bouncy Castle's ASN.1. */
    @Test
    void pssAlgorithmIdentifiersAreTheRfc7427Encodings() throws Exception {
        assertThat(SignatureScheme.RSA_PSS_SHA256.algorithmIdentifier()).isEqualTo(pss(NISTObjectIdentifiers.id_sha256, 32));
        assertThat(SignatureScheme.RSA_PSS_SHA384.algorithmIdentifier()).isEqualTo(pss(NISTObjectIdentifiers.id_sha384, 48));
        assertThat(SignatureScheme.RSA_PSS_SHA512.algorithmIdentifier()).isEqualTo(pss(NISTObjectIdentifiers.id_sha512, 64));
        assertThat(SignatureScheme.fromAlgorithmIdentifier(hex("300a06082a8648ce3d040303")))
                .contains(SignatureScheme.ECDSA_SHA384);
        assertThat(SignatureScheme.fromAlgorithmIdentifier(hex("300a06082a8648ce3d040399"))).isEmpty();
    }

    /** RFC 4055 section 2.1: hash AlgorithmIdentifiers may omit the NULL; other salts are not ours. */
    @Test
    void pssIdentifiersInOtherValidFormsAreRecognisedAndOthersRefused() throws Exception {
        AlgorithmIdentifier sha384 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384);
        byte[] withoutNull = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha384,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha384), new ASN1Integer(48),
                RSASSAPSSparams.DEFAULT_TRAILER_FIELD)).getEncoded(ASN1Encoding.DER);
        assertThat(withoutNull).isNotEqualTo(SignatureScheme.RSA_PSS_SHA384.algorithmIdentifier());
        assertThat(SignatureScheme.fromAlgorithmIdentifier(withoutNull)).contains(SignatureScheme.RSA_PSS_SHA384);
        byte[] saltTwenty = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha384,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha384), new ASN1Integer(20),
                RSASSAPSSparams.DEFAULT_TRAILER_FIELD)).getEncoded(ASN1Encoding.DER);
        assertThat(SignatureScheme.fromAlgorithmIdentifier(saltTwenty)).isEmpty();
        byte[] good = SignatureScheme.RSA_PSS_SHA256.algorithmIdentifier();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThat(SignatureScheme.fromAlgorithmIdentifier(bad)).as("octet %d", i).isEmpty();
        }
        assertThat(SignatureScheme.fromAlgorithmIdentifier(java.util.Arrays.copyOf(good, good.length - 1))).isEmpty();
        assertThat(SignatureScheme.fromAlgorithmIdentifier(new byte[0])).isEmpty();
    }

    private static byte[] pss(org.bouncycastle.asn1.ASN1ObjectIdentifier hash, int salt) throws Exception {
        AlgorithmIdentifier hashId = new AlgorithmIdentifier(hash, DERNull.INSTANCE);
        return new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(hashId,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, hashId), new ASN1Integer(salt),
                RSASSAPSSparams.DEFAULT_TRAILER_FIELD)).getEncoded(ASN1Encoding.DER);
    }

    /** The notify strongSwan sent in its IKE_SA_INIT request (type 16431): SHA2-256, -384, -512 and Identity. */
    @Test
    void signatureHashAlgorithmsNotifyDecodesEncodesAndChooses() {
        byte[] strongSwan = hex("0002000300040005");
        List<HashAlgorithm> peer = SignatureHashAlgorithms.decode(strongSwan).orElseThrow();
        assertThat(peer).containsExactly(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384, HashAlgorithm.SHA2_512,
                HashAlgorithm.IDENTITY);
        assertThat(SignatureHashAlgorithms.encode(peer)).isEqualTo(strongSwan);
        assertThat(SignatureHashAlgorithms.encode(SignatureHashAlgorithms.announced())).isEqualTo(hex("000200030004"));
        assertThat(SignatureHashAlgorithms.decode(hex("00020003ff"))).isEmpty();
        assertThat(SignatureHashAlgorithms.decode(new byte[2 * SignatureHashAlgorithms.MAX_HASHES + 2])).isEmpty();

        List<SignatureScheme> ours = SignatureScheme.preference();
        assertThat(SignatureHashAlgorithms.choose(peer, "RSA", 2048, ours)).contains(SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(SignatureHashAlgorithms.choose(peer, "EC", 384, ours)).contains(SignatureScheme.ECDSA_SHA384);
        assertThat(SignatureHashAlgorithms.choose(peer, "EC", 256, ours)).contains(SignatureScheme.ECDSA_SHA256);
        assertThat(SignatureHashAlgorithms.choose(List.of(HashAlgorithm.SHA2_512), "EC", 256, ours))
                .contains(SignatureScheme.ECDSA_SHA512);
        assertThat(SignatureHashAlgorithms.choose(List.of(HashAlgorithm.SHA2_384), "RSA", 3072,
                List.of(SignatureScheme.RSA_PSS_SHA384))).contains(SignatureScheme.RSA_PSS_SHA384);
        assertThat(SignatureHashAlgorithms.choose(List.of(HashAlgorithm.IDENTITY), "RSA", 2048, ours)).isEmpty();
    }
}
