package io.flexgate.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the first-start PKI: a local CA (RSA 3072 or ECDSA P-384, ten years) and a server certificate
 * signed by it (RSA 2048) that the usual IKEv2 clients accept: subjectAltName with the FQDN and address
 * clients connect to, key usage digitalSignature, extended key usage serverAuth plus IKE intermediate
 * (1.3.6.1.5.5.8.2.2), both of which the Windows client requires.
 */
final class LocalCa {

    static final int CA_RSA_BITS = 3072;
    static final String CA_EC_CURVE = "secp384r1";
    static final int SERVER_RSA_BITS = 2048;
    static final Duration CA_VALIDITY = Duration.ofDays(3652);
    /** Backdating against clients whose clock runs slightly behind. */
    static final Duration BACKDATE = Duration.ofHours(1);
    /** Serial numbers: positive, 127 random bits (RFC 5280 4.1.2.2 allows up to 20 octets). */
    static final int SERIAL_BITS = 127;
    /** IKE intermediate, the usage Windows asks for on IKEv2 server certificates. */
    static final ASN1ObjectIdentifier IKE_INTERMEDIATE = new ASN1ObjectIdentifier("1.3.6.1.5.5.8.2.2");

    /** A CA and a server certificate issued by it, with their keys. */
    record Issued(KeyPair caKeys, X509Certificate caCert, KeyPair serverKeys, X509Certificate serverCert) {
    }

    private final SecureRandom random;
    private final Optional<Provider> rsaProvider;

    /** Generates every key with the JDK's providers. */
    LocalCa(SecureRandom random) {
        this(random, Optional.empty());
    }

    /**
     * @param rsaProvider where RSA keys are generated (a native provider: an RSA-3072 key in about 0.25 s instead
     *                    of 0.4 to 2.5 s in pure Java at a cold start); the keys are handed on as the JDK's own
     *                    key objects, so that storing and signing do not depend on it. Its own random source
     *                    replaces {@code random} for those keys.
     */
    LocalCa(SecureRandom random, Optional<Provider> rsaProvider) {
        this.random = random;
        this.rsaProvider = rsaProvider;
    }

    /**
     * @param fqdn    the server's DNS name (subject CN and subjectAltName)
     * @param address the server's IP address for the subjectAltName, or empty
     */
    Issued generate(String fqdn, String address, CaKeyType caKeyType, Duration serverValidity, Instant now)
            throws GeneralSecurityException {
        checkNames(fqdn, address);
        // The two keys are independent random searches for primes: the server's is made on a second thread while
        // this one makes the CA's, which takes the largest part of a first start.
        FutureTask<KeyPair> serverKeys = new FutureTask<>(() -> rsaKeys(SERVER_RSA_BITS));
        Thread keygen = new Thread(serverKeys, "flexgate-pki-keygen");
        keygen.setDaemon(true);
        keygen.start();
        KeyPair caKeys = caKeyType == CaKeyType.EC ? ecKeys(CA_EC_CURVE) : rsaKeys(CA_RSA_BITS);
        X500Principal caName = new X500Principal("CN=FlexGate Local CA " + fqdn + ", O=FlexGate");
        X509Certificate caCert = sign(caKeys.getPublic(), new JcaX509v3CertificateBuilder(caName, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), caName, caKeys.getPublic()),
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }, caKeys);
        Server server = issueServer(caKeys, caCert, fqdn, address, serverValidity, now, await(serverKeys));
        return new Issued(caKeys, caCert, server.keys(), server.cert());
    }

    /** A server key and its certificate. */
    record Server(KeyPair keys, X509Certificate cert) {
    }

    /** Issues a server certificate (new RSA key) under an existing local CA; also used for renewal. */
    Server issueServer(KeyPair caKeys, X509Certificate caCert, String fqdn, String address, Duration validity,
            Instant now) throws GeneralSecurityException {
        checkNames(fqdn, address);
        return issueServer(caKeys, caCert, fqdn, address, validity, now, rsaKeys(SERVER_RSA_BITS));
    }

    private static KeyPair await(FutureTask<KeyPair> keys) throws GeneralSecurityException {
        try {
            return keys.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneralSecurityException("interrupted while the server key was being generated", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneralSecurityException g) {
                throw g;
            }
            throw new GeneralSecurityException("server key generation failed: " + e.getCause(), e.getCause());
        }
    }

    private Server issueServer(KeyPair caKeys, X509Certificate caCert, String fqdn, String address, Duration validity,
            Instant now, KeyPair serverKeys) throws GeneralSecurityException {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, fqdn));
        if (!address.isEmpty()) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509Certificate serverCert = sign(serverKeys.getPublic(), new JcaX509v3CertificateBuilder(
                caCert.getSubjectX500Principal(), serial(), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)), new X500Principal("CN=" + fqdn), serverKeys.getPublic()), builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(IKE_INTERMEDIATE)}));
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(new GeneralName[0])));
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(caCert));
                }, caKeys);
        return new Server(serverKeys, serverCert);
    }

    private static void checkNames(String fqdn, String address) {
        if (fqdn == null || fqdn.isBlank()) {
            throw new IllegalArgumentException("the server certificate needs an FQDN");
        }
        if (!address.isEmpty() && !IPAddress.isValid(address)) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
    }

    /** Adds extensions to a certificate being built. */
    @FunctionalInterface
    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException, GeneralSecurityException;
    }

    private static X509Certificate sign(PublicKey subjectKey, X509v3CertificateBuilder builder,
            Extensions extensions, KeyPair issuerKeys) throws GeneralSecurityException {
        try {
            extensions.add(builder);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKey));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm(issuerKeys)).build(issuerKeys.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
        }
    }

    private static String algorithm(KeyPair issuerKeys) {
        return "EC".equals(Certificates.keyAlgorithm(issuerKeys.getPrivate())) ? "SHA384withECDSA" : "SHA256withRSA";
    }

    private BigInteger serial() {
        return new BigInteger(SERIAL_BITS, random).setBit(SERIAL_BITS - 1);
    }

    private KeyPair rsaKeys(int bits) throws GeneralSecurityException {
        if (rsaProvider.isPresent()) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", rsaProvider.get());
            generator.initialize(bits);
            KeyPair generated = generator.generateKeyPair();
            KeyFactory jdk = KeyFactory.getInstance("RSA");
            return new KeyPair(jdk.generatePublic(new X509EncodedKeySpec(generated.getPublic().getEncoded())),
                    jdk.generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded())));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, random);
        return generator.generateKeyPair();
    }

    private KeyPair ecKeys(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), random);
        return generator.generateKeyPair();
    }
}
