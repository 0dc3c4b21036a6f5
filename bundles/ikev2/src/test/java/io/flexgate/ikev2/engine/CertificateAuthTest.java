package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.pki.Trustpoint;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.SignatureAuth;
import io.flexgate.ikev2.crypto.SignatureScheme;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.CertEncoding;
import io.flexgate.ikev2.message.CertPayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkePayload;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code authentication remote rsa-sig}: CERT chain through the trustpoint, IDi bound to the certificate (RFC 4945
 * section 3.1), AUTH signature over the initiator's signed octets (RFC 7296 section 2.15, RFC 7427, method 1).
 */
class CertificateAuthTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String CLIENT = "alice.users.example.com";
    private static final byte[] OCTETS = "RealMessage1 | NonceRData | prf(SK_pi, IDi')".getBytes(StandardCharsets.US_ASCII);
    private static final SignatureAuth SIGNATURES = new SignatureAuth(CryptoSuite.defaults());

    private static KeyPair caKeys;
    private static KeyPair clientKeys;
    private static X509Certificate ca;
    private static X509Certificate client;
    private static X509Certificate selfIssued;

    @BeforeAll
    static void pki() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        caKeys = rsa.generateKeyPair();
        clientKeys = rsa.generateKeyPair();
        X500Principal caName = new X500Principal("CN=Client CA");
        JcaX509v3CertificateBuilder caBuilder = builder(caName, caName, caKeys);
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca = sign(caBuilder, caKeys.getPrivate());
        JcaX509v3CertificateBuilder clientBuilder = builder(caName, new X500Principal("CN=" + CLIENT), clientKeys);
        clientBuilder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, CLIENT)));
        client = sign(clientBuilder, caKeys.getPrivate());
        X500Principal mallory = new X500Principal("CN=" + CLIENT);
        selfIssued = sign(builder(mallory, mallory, clientKeys), clientKeys.getPrivate());
    }

    private static JcaX509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, KeyPair keys) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
                Date.from(NOW.minusSeconds(86_400)), Date.from(NOW.plusSeconds(86_400)), subject, keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(key)));
    }

    /** The headend's trustpoint: trusts the client CA only (signature check of the end entity). */
    private static final Trustpoint TRUSTPOINT = new Trustpoint() {
        @Override
        public String name() {
            return "TP";
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
            return List.of(ca);
        }

        @Override
        public List<X509Certificate> chainFor(List<byte[]> certReqAuthorities) {
            return List.of(ca);
        }

        @Override
        public List<byte[]> trustedAuthorityHashes() {
            return List.of();
        }

        @Override
        public byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data) {
            throw new UnsupportedOperationException("the test trustpoint only validates");
        }

        @Override
        public PeerValidation validatePeer(List<X509Certificate> chain, Instant now) {
            try {
                chain.get(0).verify(ca.getPublicKey());
                chain.get(0).checkValidity(Date.from(now));
                return new PeerValidation.Valid(chain.get(0));
            } catch (GeneralSecurityException e) {
                return new PeerValidation.Invalid("'" + chain.get(0).getSubjectX500Principal().getName()
                        + "' not issued by a trusted CA");
            }
        }
    };

    private static IdPayload fqdn(String name) {
        return new IdPayload(true, IdType.ID_FQDN, Bytes.of(name.getBytes(StandardCharsets.US_ASCII)));
    }

    private static IkeMessage request(IdPayload idi, List<X509Certificate> certs, AuthPayload auth) throws Exception {
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(idi);
        for (X509Certificate c : certs) {
            payloads.add(new CertPayload(CertEncoding.X509_SIGNATURE, Bytes.of(c.getEncoded())));
        }
        if (auth != null) {
            payloads.add(auth);
        }
        return new IkeMessage(IkeHeader.of(1, 2, ExchangeType.IKE_AUTH, true, false, 1), true, payloads);
    }

    private static AuthPayload rfc7427(byte[] octets) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(clientKeys.getPrivate());
        s.update(octets);
        byte[] signature = s.sign();
        byte[] id = SignatureScheme.RSA_PKCS1_SHA256.algorithmIdentifier();
        byte[] data = new byte[1 + id.length + signature.length];
        data[0] = (byte) id.length;
        System.arraycopy(id, 0, data, 1, id.length);
        System.arraycopy(signature, 0, data, 1 + id.length, signature.length);
        return new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, Bytes.of(data));
    }

    private static CertificateAuth.Result verify(IkeMessage request) {
        IdPayload idi = request.first(IdPayload.class).orElseThrow();
        return new CertificateAuth(SIGNATURES).verify(request, idi, TRUSTPOINT, OCTETS, List.of("SHA-1", "SHA-256"), NOW);
    }

    @Test
    void rfc7427SignatureFromTheCertifiedIdentityVerifies() throws Exception {
        var result = verify(request(fqdn(CLIENT), List.of(client), rfc7427(OCTETS)));

        assertThat(result).isInstanceOf(CertificateAuth.Result.Verified.class);
        assertThat(((CertificateAuth.Result.Verified) result).endEntity()).isEqualTo(client);
    }

    @Test
    void rsaMethodOneWithSha1Verifies() throws Exception {
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initSign(clientKeys.getPrivate());
        s.update(OCTETS);
        AuthPayload auth = new AuthPayload(AuthMethod.RSA_DIGITAL_SIGNATURE, Bytes.of(s.sign()));

        assertThat(verify(request(fqdn(CLIENT), List.of(client), auth)))
                .isEqualTo(new CertificateAuth.Result.Verified(client, "SHA1withRSA"));
    }

    @Test
    void signatureOverOtherOctetsFails() throws Exception {
        byte[] other = OCTETS.clone();
        other[0] ^= 1;

        assertThat(verify(request(fqdn(CLIENT), List.of(client), rfc7427(other))))
                .isInstanceOf(CertificateAuth.Result.Failed.class);
    }

    @Test
    void identityNotInTheCertificateFails() throws Exception {
        var result = verify(request(fqdn("bob.users.example.com"), List.of(client), rfc7427(OCTETS)));

        assertThat(result).isInstanceOfSatisfying(CertificateAuth.Result.Failed.class,
                f -> assertThat(f.reason()).contains("bob.users.example.com").contains("is not in the certificate"));
    }

    @Test
    void distinguishedNameIdentityMatchesTheSubject() throws Exception {
        IdPayload dn = new IdPayload(true, IdType.ID_DER_ASN1_DN, Bytes.of(client.getSubjectX500Principal().getEncoded()));
        IdPayload otherDn = new IdPayload(true, IdType.ID_DER_ASN1_DN,
                Bytes.of(new X500Principal("CN=someone else").getEncoded()));

        assertThat(CertificateAuth.identityMatches(dn, client)).isTrue();
        assertThat(CertificateAuth.identityMatches(otherDn, client)).isFalse();
    }

    @Test
    void untrustedIssuerFailsEvenWithAGoodSignature() throws Exception {
        var result = verify(request(fqdn(CLIENT), List.of(selfIssued), rfc7427(OCTETS)));

        assertThat(result).isInstanceOfSatisfying(CertificateAuth.Result.Failed.class,
                f -> assertThat(f.reason()).contains("not valid for trustpoint TP"));
    }

    @Test
    void missingCertificateOrAuthFails() throws Exception {
        assertThat(verify(request(fqdn(CLIENT), List.of(), rfc7427(OCTETS))))
                .isEqualTo(new CertificateAuth.Result.Failed("the peer sent no certificate (CERT payload)"));
        assertThat(verify(request(fqdn(CLIENT), List.of(client), null))).isInstanceOfSatisfying(
                CertificateAuth.Result.Failed.class, f -> assertThat(f.reason()).contains("no AUTH payload"));
    }

    @Test
    void garbageCertificateFailsWithoutThrowing() throws Exception {
        IkeMessage bad = new IkeMessage(IkeHeader.of(1, 2, ExchangeType.IKE_AUTH, true, false, 1), true, List.of(
                fqdn(CLIENT), new CertPayload(CertEncoding.X509_SIGNATURE, Bytes.ofHex("3003020101")), rfc7427(OCTETS)));

        assertThat(verify(bad)).isInstanceOfSatisfying(CertificateAuth.Result.Failed.class,
                f -> assertThat(f.reason()).contains("cannot be parsed"));
    }
}
