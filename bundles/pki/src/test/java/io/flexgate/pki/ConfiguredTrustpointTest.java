package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.pki.Trustpoint.PeerValidation;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trustpoint component built from PEM files: chains for CERTREQ, signing, trust, refusals. */
class ConfiguredTrustpointTest {

    @TempDir
    Path dir;

    private static final TestPki.Issued ROOT_A = TestPki.root("Root A");
    private static final TestPki.Issued ROOT_B = TestPki.root("Root B");
    private static final KeyPair SUB_KEYS = TestPki.rsa(2048);
    /** One intermediate CA, cross-certified: the same subject and key under two roots. */
    private static final X509Certificate SUB_BY_A = TestPki.ca("Sub CA", SUB_KEYS, "Root A", ROOT_A.keys());
    private static final X509Certificate SUB_BY_B = TestPki.ca("Sub CA", SUB_KEYS, "Root B", ROOT_B.keys());
    private static final TestPki.Issued SERVER = TestPki.endEntity("vpn.example.com",
            new TestPki.Issued(SUB_BY_A, SUB_KEYS));

    private Path pem(String file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                // PKCS#8 for keys: BC would write a JDK EC key as SEC 1 without its curve
                writer.writeObject(object instanceof java.security.PrivateKey key
                        ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()) : object);
            }
        }
        return Files.writeString(dir.resolve(file), text.toString(), StandardCharsets.US_ASCII);
    }

    private ConfiguredTrustpoint crossCertified() throws Exception {
        pem("server.key", SERVER.keys().getPrivate());
        pem("server.crt", SERVER.cert(), SUB_BY_A);
        pem("cross.crt", SUB_BY_B, ROOT_A.cert(), ROOT_B.cert());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trustpoint.name", "IKEv2-TP");
        config.put("base.dir", dir.toString());
        config.put("key.file", "server.key");
        config.put("cert.file", "server.crt");
        config.put("chain.files", new String[] {"cross.crt"});
        return new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, config));
    }

    @Test
    void picksTheChainWhoseIssuingCaTheCertReqNames() throws Exception {
        ConfiguredTrustpoint trustpoint = crossCertified();

        // RFC 7296 3.7: CERTREQ carries SHA-1 of the trusted CA's SubjectPublicKeyInfo
        assertThat(trustpoint.chainFor(List.of(Certificates.spkiSha1(ROOT_B.cert()))))
                .containsExactly(SERVER.cert(), SUB_BY_B);
        assertThat(trustpoint.chainFor(List.of(new byte[20], Certificates.spkiSha1(ROOT_A.cert()))))
                .containsExactly(SERVER.cert(), SUB_BY_A);
        assertThat(trustpoint.chainFor(List.of(Certificates.spkiSha1(SUB_BY_A)))).containsExactly(SERVER.cert());
    }

    @Test
    void sendsTheDefaultChainWithoutTheRootWhenNothingMatches() throws Exception {
        ConfiguredTrustpoint trustpoint = crossCertified();

        assertThat(trustpoint.chain()).containsExactly(SERVER.cert(), SUB_BY_A);
        assertThat(trustpoint.chainFor(List.of())).containsExactly(SERVER.cert(), SUB_BY_A);
        assertThat(trustpoint.chainFor(List.of(new byte[20], new byte[5]))).containsExactly(SERVER.cert(), SUB_BY_A);
    }

    @Test
    void sha1SpkiHashMatchesOpensslPubkeyDigest() throws Exception {
        // the CERTREQ hash is SHA-1 over the DER SubjectPublicKeyInfo (RFC 7296 3.7), independent of the certificate
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(ROOT_A.keys().getPublic().getEncoded());

        assertThat(Certificates.spkiSha1(ROOT_A.cert())).isEqualTo(expected);
    }

    @Test
    void trustsTheCasOfItsOwnChainAndAdvertisesTheirHashes() throws Exception {
        ConfiguredTrustpoint trustpoint = crossCertified();
        TestPki.Issued client = TestPki.endEntity("alice", new TestPki.Issued(SUB_BY_A, SUB_KEYS));

        assertThat(trustpoint.trustedAuthorityHashes()).extracting(HexFormat.of()::formatHex).containsExactly(
                HexFormat.of().formatHex(Certificates.spkiSha1(SUB_BY_A)),
                HexFormat.of().formatHex(Certificates.spkiSha1(ROOT_A.cert())));
        assertThat(trustpoint.validatePeer(List.of(client.cert()), TestPki.NOW)).isInstanceOf(PeerValidation.Valid.class);
        assertThat(trustpoint.validatePeer(List.of(TestPki.endEntity("x", ROOT_B).cert()), TestPki.NOW))
                .isInstanceOf(PeerValidation.Invalid.class);
    }

    @Test
    void signsWithRsaPkcs1PssAndPreparedDigestInfo() throws Exception {
        ConfiguredTrustpoint trustpoint = crossCertified();
        byte[] data = "IKE_SA_INIT octets | Nr | prf(SK_pr, IDr')".getBytes(StandardCharsets.US_ASCII);

        assertThat(trustpoint.keyAlgorithm()).isEqualTo("RSA");
        assertThat(trustpoint.keySize()).isEqualTo(2048);
        assertThat(verify("SHA256withRSA", null, data, trustpoint.sign("SHA256withRSA", null, data))).isTrue();
        PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
        assertThat(verify("RSASSA-PSS", pss, data, trustpoint.sign("RSASSA-PSS", pss, data))).isTrue();

        // RFC 8017 9.2: DigestInfo for SHA-256 = fixed prefix || hash; NONEwithRSA pads and signs it as given
        byte[] digestInfo = HexFormat.of().parseHex("3031300d060960864801650304020105000420" + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        byte[] raw = trustpoint.sign("NONEwithRSA", null, digestInfo);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, SERVER.cert().getPublicKey());
        assertThat(rsa.doFinal(raw)).isEqualTo(digestInfo);
        assertThat(verify("SHA256withRSA", null, data, raw)).isTrue();
    }

    /**
     * On a preferred native provider (Amazon Corretto Crypto Provider): PKCS#1 v1.5 is deterministic (RFC 8017
     * section 8.2), so its signature must be the JDK's bytes; what it lacks (NONEwithRSA) falls back to the JDK.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = org.junit.jupiter.api.condition.OS.LINUX,
            architectures = "amd64")
    void signsOnAPreferredProviderWithTheSameBytesAndFallsBackForWhatItLacks() throws Exception {
        ConfiguredTrustpoint trustpoint = crossCertified();
        java.security.Provider accp = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
        assertThat(com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).isNull();
        byte[] data = "IKE_SA_INIT octets | Nr | prf(SK_pr, IDr')".getBytes(StandardCharsets.US_ASCII);

        byte[] onAccp = trustpoint.sign("SHA256withRSA", null, data, accp);
        assertThat(onAccp).isEqualTo(trustpoint.sign("SHA256withRSA", null, data));
        assertThat(trustpoint.sign("SHA1withRSA", null, data, accp)).isEqualTo(trustpoint.sign("SHA1withRSA", null, data));
        PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
        assertThat(verify("RSASSA-PSS", pss, data, trustpoint.sign("RSASSA-PSS", pss, data, accp))).isTrue();
        assertThat(accp.getService("Signature", "NONEwithRSA")).isNull();
        byte[] digestInfo = HexFormat.of().parseHex("3031300d060960864801650304020105000420" + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        assertThat(trustpoint.sign("NONEwithRSA", null, digestInfo, accp)).isEqualTo(onAccp);
        assertThatThrownBy(() -> trustpoint.sign("SHA256withECDSA", null, data, accp))
                .hasMessage("SHA256withECDSA cannot sign with an RSA key");
    }

    @Test
    void translatesTheKeyOncePerProvider() throws Exception {
        KeyPair keys = TestPki.rsa(2048);
        ProviderKey key = new ProviderKey(keys.getPrivate());
        java.security.Provider sunRsa = java.security.Security.getProvider("SunRsaSign");
        java.security.PrivateKey first = key.on(sunRsa).orElseThrow();
        assertThat(key.on(sunRsa).orElseThrow()).isSameAs(first);
        assertThat(first.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        // SunEC has no RSA KeyFactory: that provider cannot take the key.
        assertThat(key.on(java.security.Security.getProvider("SunEC"))).isEmpty();
    }

    @Test
    void refusesAnEcdsaAlgorithmForAnRsaKey() throws Exception {
        ConfiguredTrustpoint trustpoint = crossCertified();

        assertThatThrownBy(() -> trustpoint.sign("SHA256withECDSA", null, new byte[8]))
                .hasMessage("SHA256withECDSA cannot sign with an RSA key");
    }

    @Test
    void refusesASelfSignedServerCertificateAsIosDoes() throws Exception {
        KeyPair keys = TestPki.rsa(2048);
        X509Certificate self = TestPki.build("vpn.example.com", keys, "vpn.example.com", keys, TestPki.NOW,
                TestPki.NOW.plusSeconds(86_400), false, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, null);
        pem("self.pem", keys.getPrivate(), self);
        Map<String, Object> config = Map.of("trustpoint.name", "IKEv2-TP", "base.dir", dir.toString(),
                "key.file", "self.pem");

        assertThatThrownBy(() -> new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, config)))
                .isInstanceOf(PkiFileException.class)
                .hasMessage("trustpoint IKEv2-TP: the certificate 'CN=vpn.example.com' is self-signed; rsa-sig"
                        + " authentication needs a certificate issued by a CA. Import one signed by a CA, or let"
                        + " FlexGate generate a local CA and a server certificate");
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        pem("mixed.pem", TestPki.rsa(2048).getPrivate(), SERVER.cert());
        Map<String, Object> config = Map.of("trustpoint.name", "TP", "base.dir", dir.toString(),
                "key.file", "mixed.pem");

        assertThatThrownBy(() -> new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, config)))
                .hasMessage("trustpoint TP: no certificate belongs to the private key");
    }

    @Test
    void refusesAnRsaKeyBelow2048BitsAndAnUnlistedCurve() throws Exception {
        KeyPair small = TestPki.rsa(1024);
        pem("small.pem", small.getPrivate(), TestPki.build("small", small, "Root A", ROOT_A.keys(), TestPki.NOW,
                TestPki.NOW.plusSeconds(60), false, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, null));
        KeyPair p521 = TestPki.ec("secp521r1");
        pem("p521.pem", p521.getPrivate(), TestPki.build("p521", p521, "Root A", ROOT_A.keys(), TestPki.NOW,
                TestPki.NOW.plusSeconds(60), false, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, null));

        assertThatThrownBy(() -> new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class,
                Map.of("trustpoint.name", "TP", "base.dir", dir.toString(), "key.file", "small.pem"))))
                .hasMessage("an RSA key of 1024 bits is outside 2048 to 4096 bits");
        assertThatThrownBy(() -> new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class,
                Map.of("trustpoint.name", "TP", "base.dir", dir.toString(), "key.file", "p521.pem"))))
                .hasMessage("the EC key is not on P-256 or P-384");
    }

    @Test
    void emptyFileListsFromACfgFileAreIgnored() throws Exception {
        pem("server.pem", SERVER.keys().getPrivate(), SERVER.cert(), SUB_BY_A, ROOT_A.cert());
        // "chain.files =" in a .cfg file reaches the component as a single empty string
        ConfiguredTrustpoint trustpoint = new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, Map.of(
                "trustpoint.name", "TP", "base.dir", dir.toString(), "key.file", "server.pem", "chain.files", "",
                "trusted.ca.files", "")));

        assertThat(trustpoint.chain()).containsExactly(SERVER.cert(), SUB_BY_A);
    }

    @Test
    void refusesAConfigurationWithoutNameOrWithBothSources() {
        assertThatThrownBy(() -> new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class,
                Map.of("base.dir", dir.toString(), "key.file", "k.pem"))))
                .hasMessageContaining("needs trustpoint.name");
        assertThatThrownBy(() -> new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class,
                Map.of("trustpoint.name", "TP", "key.file", "k.pem", "pkcs12.file", "k.p12"))))
                .hasMessage("trustpoint TP needs either pkcs12.file or key.file (with cert.file), not both");
    }

    private boolean verify(String algorithm, PSSParameterSpec pss, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        if (pss != null) {
            verifier.setParameter(pss);
        }
        verifier.initVerify(SERVER.cert().getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }
}
