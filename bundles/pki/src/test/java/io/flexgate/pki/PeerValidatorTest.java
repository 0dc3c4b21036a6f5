package io.flexgate.pki;

import static io.flexgate.pki.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.pki.Trustpoint.PeerValidation;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Peer chains for {@code authentication remote rsa-sig}: what is accepted and the sentence for each refusal. */
class PeerValidatorTest {

    private static final TestPki.Issued ROOT = TestPki.root("Peer Root CA");
    private static final KeyPair SUB_KEYS = TestPki.rsa(2048);
    private static final TestPki.Issued SUB = new TestPki.Issued(
            TestPki.ca("Peer Sub CA", SUB_KEYS, "Peer Root CA", ROOT.keys()), SUB_KEYS);

    private static PeerValidator validator(RevocationCheck check, java.security.cert.X509CRL... crls) {
        return new PeerValidator("TP", List.of(ROOT.cert()), List.of(crls), check);
    }

    private static String reason(PeerValidation verdict) {
        assertThat(verdict).isInstanceOf(PeerValidation.Invalid.class);
        return ((PeerValidation.Invalid) verdict).reason();
    }

    @Test
    void acceptsAChainThroughAnIntermediateInAnyOrderAndWithTheRoot() {
        TestPki.Issued client = TestPki.endEntity("alice", SUB, KeyPurposeId.id_kp_clientAuth);
        PeerValidator validator = validator(RevocationCheck.none);

        assertThat(validator.validate(List.of(client.cert(), SUB.cert()), NOW))
                .isEqualTo(new PeerValidation.Valid(client.cert()));
        assertThat(validator.validate(List.of(client.cert(), ROOT.cert(), SUB.cert()), NOW))
                .isInstanceOf(PeerValidation.Valid.class);
    }

    @Test
    void acceptsTheIkeIntermediateUsageAndCertificatesWithoutEku() {
        PeerValidator validator = validator(RevocationCheck.none);
        TestPki.Issued windows = TestPki.endEntity("win", ROOT, KeyPurposeId.getInstance(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.8.2.2")));
        TestPki.Issued plain = TestPki.endEntity("plain", ROOT);

        assertThat(validator.validate(List.of(windows.cert()), NOW)).isInstanceOf(PeerValidation.Valid.class);
        assertThat(validator.validate(List.of(plain.cert()), NOW)).isInstanceOf(PeerValidation.Valid.class);
    }

    @Test
    void refusesAnExpiredCertificateNamingIt() {
        TestPki.Issued expired = TestPki.endEntity("old-laptop", ROOT, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(1)));

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(expired.cert()), NOW)))
                .startsWith("Certificate 'CN=old-laptop' expired on ");
    }

    @Test
    void refusesACertificateNotYetValid() {
        TestPki.Issued future = TestPki.endEntity("future", ROOT, NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(400)));

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(future.cert()), NOW)))
                .startsWith("Certificate 'CN=future' is not valid before ");
    }

    @Test
    void refusesAnExpiredIntermediate() {
        KeyPair keys = TestPki.rsa(2048);
        TestPki.Issued oldSub = new TestPki.Issued(TestPki.build("Old Sub CA", keys, "Peer Root CA", ROOT.keys(),
                NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(10)), true, KeyUsage.keyCertSign, null), keys);
        TestPki.Issued client = TestPki.endEntity("bob", oldSub);

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(client.cert(), oldSub.cert()), NOW)))
                .startsWith("Certificate 'CN=Old Sub CA' expired on ");
    }

    @Test
    void refusesAWrongExtendedKeyUsage() {
        TestPki.Issued signer = TestPki.endEntity("code-signer", ROOT, KeyPurposeId.id_kp_codeSigning);

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(signer.cert()), NOW)))
                .startsWith("Certificate 'CN=code-signer' is not meant for IKE")
                .contains("1.3.6.1.5.5.7.3.3");
    }

    @Test
    void refusesAKeyUsageWithoutDigitalSignature() {
        KeyPair keys = TestPki.rsa(2048);
        X509Certificate encipherOnly = TestPki.build("encipher", keys, "Peer Root CA", ROOT.keys(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), false, KeyUsage.keyEncipherment, null);

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(encipherOnly), NOW)))
                .isEqualTo("Certificate 'CN=encipher' may not sign (its key usage lacks digitalSignature and"
                        + " nonRepudiation).");
    }

    @Test
    void refusesACertificateFromAnUntrustedCa() {
        TestPki.Issued rogue = TestPki.root("Rogue CA");
        TestPki.Issued client = TestPki.endEntity("mallory", rogue, KeyPurposeId.id_kp_clientAuth);

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(client.cert()), NOW)))
                .isEqualTo("Certificate 'CN=mallory' was issued by 'CN=Rogue CA', which is not a CA trusted by"
                        + " trustpoint TP.");
        assertThat(reason(validator(RevocationCheck.none).validate(List.of(client.cert(), rogue.cert()), NOW)))
                .isEqualTo("Certificate 'CN=mallory' chains up to 'CN=Rogue CA', which is not a CA trusted by"
                        + " trustpoint TP.");
    }

    @Test
    void refusesACertificateWhoseSignatureIsForged() {
        // same issuer name as the trusted root, signed by another key
        TestPki.Issued impostor = new TestPki.Issued(TestPki.ca("Peer Root CA", TestPki.rsa(2048), "Peer Root CA",
                TestPki.rsa(2048)), TestPki.rsa(2048));
        TestPki.Issued client = TestPki.endEntity("eve", new TestPki.Issued(impostor.cert(), TestPki.rsa(2048)));

        assertThat(reason(validator(RevocationCheck.none).validate(List.of(client.cert()), NOW)))
                .startsWith("Certificate 'CN=eve'");
    }

    @Test
    void refusesARevokedCertificateWithTheDateAndReason() {
        TestPki.Issued client = TestPki.endEntity("stolen-laptop", ROOT, KeyPurposeId.id_kp_clientAuth);
        TestPki.Issued other = TestPki.endEntity("fine-laptop", ROOT, KeyPurposeId.id_kp_clientAuth);
        PeerValidator validator = validator(RevocationCheck.crl, TestPki.crl(ROOT, client.cert()));

        assertThat(reason(validator.validate(List.of(client.cert()), NOW)))
                .startsWith("Certificate 'CN=stolen-laptop' was revoked on ")
                .contains("KEY_COMPROMISE").endsWith("according to the CRL of 'CN=Peer Root CA'.");
        assertThat(validator.validate(List.of(other.cert()), NOW)).isInstanceOf(PeerValidation.Valid.class);
    }

    @Test
    void revokedCertificateIsAcceptedWhenRevocationCheckIsNone() {
        TestPki.Issued client = TestPki.endEntity("stolen-laptop", ROOT);

        assertThat(new PeerValidator("TP", List.of(ROOT.cert()), List.of(TestPki.crl(ROOT, client.cert())),
                RevocationCheck.none).validate(List.of(client.cert()), NOW)).isInstanceOf(PeerValidation.Valid.class);
    }

    @Test
    void refusesWhenTheCrlFileDoesNotCoverTheIssuer() {
        TestPki.Issued client = TestPki.endEntity("carol", SUB);
        PeerValidator validator = validator(RevocationCheck.crl, TestPki.crl(ROOT));

        assertThat(reason(validator.validate(List.of(client.cert(), SUB.cert()), NOW)))
                .isEqualTo("Certificate 'CN=carol' cannot be checked for revocation: the CRL file of trustpoint TP"
                        + " holds no current CRL from 'CN=Peer Sub CA'.");
    }

    @Test
    void refusesAnEmptyOrOverlongChain() {
        TestPki.Issued client = TestPki.endEntity("dave", ROOT);
        PeerValidator validator = validator(RevocationCheck.none);

        assertThat(reason(validator.validate(List.of(), NOW))).isEqualTo("The peer sent no certificate.");
        assertThat(reason(validator.validate(java.util.Collections.nCopies(PeerValidator.MAX_PEER_CHAIN + 1,
                client.cert()), NOW))).contains("more than the limit of " + PeerValidator.MAX_PEER_CHAIN);
    }

    @Test
    void refusesEverythingWhenNoCaIsTrusted() {
        TestPki.Issued client = TestPki.endEntity("erin", ROOT);

        assertThat(reason(new PeerValidator("TP", List.of(), List.of(), RevocationCheck.none)
                .validate(List.of(client.cert()), NOW)))
                .isEqualTo("Trustpoint TP trusts no CA, so certificate 'CN=erin' cannot be verified.");
    }
}
