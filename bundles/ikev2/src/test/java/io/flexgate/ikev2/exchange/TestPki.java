package io.flexgate.ikev2.exchange;

import io.flexgate.api.pki.Trustpoint;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and a server certificate made in the test (RSA 2048, SHA-256), and a trustpoint over them. */
final class TestPki {

    static final String SERVER_NAME = "vpn.example.com";
    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2036-01-01T00:00:00Z");

    final X509Certificate ca;
    final X509Certificate server;
    final KeyPair serverKeys;

    private TestPki(X509Certificate ca, X509Certificate server, KeyPair serverKeys) {
        this.ca = ca;
        this.server = server;
        this.serverKeys = serverKeys;
    }

    /** A CA named {@code caName} that issued a server certificate for {@code serverName}. */
    static TestPki create(String caName, String serverName) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair caKeys = rsa.generateKeyPair();
        KeyPair serverKeys = rsa.generateKeyPair();
        X500Principal caSubject = new X500Principal("CN=" + caName);
        JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caSubject, BigInteger.ONE,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), caSubject, caKeys.getPublic());
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = sign(caBuilder, caKeys.getPrivate());
        JcaX509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caSubject, BigInteger.TWO,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), new X500Principal("CN=" + serverName),
                serverKeys.getPublic());
        serverBuilder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, serverName)));
        serverBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return new TestPki(ca, sign(serverBuilder, caKeys.getPrivate()), serverKeys);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    /** The headend's trustpoint: the server certificate and the CA, signing with the server key. */
    Trustpoint trustpoint(String name) {
        return new Trustpoint() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String keyAlgorithm() {
                return "RSA";
            }

            @Override
            public int keySize() {
                return 2048;
            }

            @Override
            public List<X509Certificate> chain() {
                return List.of(server, ca);
            }

            @Override
            public List<X509Certificate> chainFor(List<byte[]> certReqAuthorities) {
                return List.of(server, ca); // the whole chain, as IOS sends it: the response needs fragments
            }

            @Override
            public List<byte[]> trustedAuthorityHashes() {
                return List.of();
            }

            @Override
            public byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data)
                    throws GeneralSecurityException {
                Signature s = Signature.getInstance(jcaAlgorithm);
                if (parameters != null) {
                    s.setParameter(parameters);
                }
                s.initSign(serverKeys.getPrivate());
                s.update(data);
                return s.sign();
            }

            @Override
            public PeerValidation validatePeer(List<X509Certificate> chain, Instant now) {
                return new PeerValidation.Invalid("client certificates are not part of these tests");
            }
        };
    }
}
