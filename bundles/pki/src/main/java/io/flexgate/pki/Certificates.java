package io.flexgate.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;

/** Small facts about X.509 certificates that several classes of this bundle need. */
final class Certificates {

    private Certificates() {
    }

    /**
     * SHA-1 of the certificate's SubjectPublicKeyInfo exactly as encoded in the certificate: the value a
     * CERTREQ payload carries for a CA (RFC 7296 section 3.7, "Certificate Authority").
     */
    static byte[] spkiSha1(X509Certificate cert) {
        try {
            byte[] spki = Certificate.getInstance(cert.getEncoded()).getSubjectPublicKeyInfo()
                    .getEncoded(ASN1Encoding.DER);
            return MessageDigest.getInstance("SHA-1").digest(spki);
        } catch (java.io.IOException | CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode the public key of " + subject(cert), e);
        }
    }

    /** Colon-separated upper-case hex of the digest of the DER certificate, as {@code openssl x509 -fingerprint}. */
    static String fingerprint(X509Certificate cert, String digestAlgorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(digestAlgorithm).digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + subject(cert), e);
        }
    }

    /** The subject distinguished name in RFC 2253 form, the way reasons and tables name a certificate. */
    static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }

    static String issuer(X509Certificate cert) {
        return cert.getIssuerX500Principal().getName();
    }

    /** True when {@code issuer} names {@code cert}'s issuer and its key verifies {@code cert}'s signature. */
    static boolean issued(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean selfSigned(X509Certificate cert) {
        return issued(cert, cert);
    }

    static boolean isCa(X509Certificate cert) {
        return cert.getBasicConstraints() >= 0;
    }

    static boolean sameEncoding(X509Certificate a, X509Certificate b) {
        try {
            return MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** {@code RSA} or {@code EC}, whatever name the provider gave the key. */
    static String keyAlgorithm(java.security.Key key) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        return algorithm.startsWith("EC") ? "EC" : algorithm;
    }
}
