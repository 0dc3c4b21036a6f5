package io.flexgate.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds small test PKIs in memory with Bouncy Castle: CAs, end entities with chosen usages, CRLs. */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    /** End entities share one key: the tests are about certificates, and RSA key generation is slow. */
    private static final KeyPair END_ENTITY_KEYS = rsa(2048);

    /** A certificate and its key. */
    record Issued(X509Certificate cert, KeyPair keys) {
    }

    private TestPki() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued root(String cn) {
        KeyPair keys = rsa(2048);
        return new Issued(ca(cn, keys, cn, keys), keys);
    }

    /** A CA certificate for {@code subjectKeys}, signed by {@code issuerKeys} (a root when both are the same). */
    static X509Certificate ca(String cn, KeyPair subjectKeys, String issuerCn, KeyPair issuerKeys) {
        return build(cn, subjectKeys, issuerCn, issuerKeys, NOW.minus(Duration.ofDays(365)),
                NOW.plus(Duration.ofDays(3650)), true, KeyUsage.keyCertSign | KeyUsage.cRLSign, null);
    }

    static Issued endEntity(String cn, Issued issuer, KeyPurposeId... ekus) {
        return endEntity(cn, issuer, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)), ekus);
    }

    static Issued endEntity(String cn, Issued issuer, Instant notBefore, Instant notAfter, KeyPurposeId... ekus) {
        KeyPair keys = END_ENTITY_KEYS;
        return new Issued(build(cn, keys, cn(issuer.cert()), issuer.keys(), notBefore, notAfter, false,
                KeyUsage.digitalSignature, ekus.length == 0 ? null : new ExtendedKeyUsage(ekus)), keys);
    }

    static X509Certificate build(String cn, KeyPair subjectKeys, String issuerCn, KeyPair issuerKeys,
            Instant notBefore, Instant notAfter, boolean ca, int keyUsage, ExtendedKeyUsage eku) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Principal("CN=" + issuerCn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Principal("CN=" + cn), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (eku != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, eku);
            }
            String algorithm = issuerKeys.getPrivate().getAlgorithm().startsWith("EC") ? "SHA256withECDSA"
                    : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL by {@code issuer}, current at {@link #NOW}, listing {@code revoked} as key compromise. */
    static X509CRL crl(Issued issuer, X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer.cert().getSubjectX500Principal(),
                    Date.from(NOW.minus(Duration.ofDays(1))));
            builder.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(7))));
            for (X509Certificate cert : revoked) {
                builder.addCRLEntry(cert.getSerialNumber(), Date.from(NOW.minus(Duration.ofHours(2))),
                        CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.keys().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String cn(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName().substring("CN=".length());
    }
}
