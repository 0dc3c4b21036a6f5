package io.flexgate.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads keys, certificates and CRLs from PKCS#12 files (made by openssl, IOS, Windows or Java) and PEM
 * files (PKCS#8, PKCS#1 and SEC 1 keys, plain or encrypted; certificates; CRLs). Certificates and CRLs
 * may also be DER. Keys come out as JDK key objects so that signing runs on the JDK providers.
 */
final class KeyMaterialReader {

    /** No key file, certificate file or CRL file we read is larger than this. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** A PEM or PKCS#12 source holds at most this many certificates. */
    static final int MAX_CERTIFICATES = 32;

    private static final String PEM_MARKER = "-----BEGIN ";

    private KeyMaterialReader() {
    }

    /** Reads a PKCS#12 file or a PEM file with the key and its certificates, whichever {@code file} is. */
    static KeyMaterial read(Path file, char[] password) throws PkiFileException {
        byte[] bytes = readLimited(file);
        return isPem(bytes) ? readPem(file, bytes, password, List.of()) : readPkcs12(file, bytes, password);
    }

    static KeyMaterial readPkcs12(Path file, byte[] bytes, char[] password) throws PkiFileException {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            // the JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException
            throw new PkiFileException(file + " is not a PKCS#12 file or the password is wrong", e);
        } catch (GeneralSecurityException e) {
            throw new PkiFileException(file + " cannot be read as PKCS#12: " + e.getMessage(), e);
        }
        try {
            PrivateKey key = null;
            List<X509Certificate> chain = List.of();
            List<X509Certificate> others = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    if (key != null) {
                        throw new PkiFileException(file + " holds more than one private key; export only the one to use");
                    }
                    Key entry = store.getKey(alias, password);
                    if (!(entry instanceof PrivateKey privateKey)) {
                        throw new PkiFileException(file + " holds a secret key, not a private key");
                    }
                    key = privateKey;
                    chain = x509(file, store.getCertificateChain(alias));
                } else if (store.isCertificateEntry(alias)) {
                    others.addAll(x509(file, new Certificate[] {store.getCertificate(alias)}));
                }
            }
            if (key == null || chain.isEmpty()) {
                throw new PkiFileException(file + " holds no private key with a certificate");
            }
            checkCount(file, chain.size() + others.size());
            return new KeyMaterial(key, chain, others);
        } catch (GeneralSecurityException e) {
            throw new PkiFileException(file + ": the private key cannot be recovered with this password", e);
        }
    }

    /**
     * Reads a key and certificates from PEM. The key's own certificate is the first certificate in
     * {@code bytes}, or else the first of {@code extraCertificates}.
     */
    static KeyMaterial readPem(Path file, byte[] bytes, char[] password, List<X509Certificate> extraCertificates)
            throws PkiFileException {
        PrivateKey key = null;
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader(bytes))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                    checkCount(file, certificates.size());
                } else if (isKey(object)) {
                    if (key != null) {
                        throw new PkiFileException(file + " holds more than one private key");
                    }
                    key = privateKey(file, object, password);
                }
            }
        } catch (IOException | CertificateException e) {
            throw new PkiFileException(file + " is not valid PEM: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new PkiFileException(file + " holds no private key");
        }
        certificates.addAll(extraCertificates);
        if (certificates.isEmpty()) {
            throw new PkiFileException(file + " holds no certificate and none was given beside it");
        }
        return new KeyMaterial(key, List.of(certificates.get(0)), certificates.subList(1, certificates.size()));
    }

    /** Reads every certificate in a PEM or DER file. */
    static List<X509Certificate> readCertificates(Path file) throws PkiFileException {
        byte[] bytes = readLimited(file);
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) cert);
            }
            if (certificates.isEmpty()) {
                throw new PkiFileException(file + " holds no certificate");
            }
            checkCount(file, certificates.size());
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new PkiFileException(file + " holds no readable certificate: " + e.getMessage(), e);
        }
    }

    /** Reads every CRL in a PEM or DER file. */
    static List<X509CRL> readCrls(Path file) throws PkiFileException {
        byte[] bytes = readLimited(file);
        try {
            List<X509CRL> crls = new ArrayList<>();
            for (java.security.cert.CRL crl : CertificateFactory.getInstance("X.509")
                    .generateCRLs(new ByteArrayInputStream(bytes))) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new PkiFileException(file + " holds no CRL");
            }
            return List.copyOf(crls);
        } catch (java.security.cert.CRLException | CertificateException e) {
            throw new PkiFileException(file + " holds no readable CRL: " + e.getMessage(), e);
        }
    }

    static byte[] readLimited(Path file) throws PkiFileException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new PkiFileException(file + " is " + size + " bytes, more than the limit of " + MAX_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PkiFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean isPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII);
        return head.contains(PEM_MARKER);
    }

    private static boolean isKey(Object object) {
        return object instanceof PEMKeyPair || object instanceof PrivateKeyInfo
                || object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static PrivateKey privateKey(Path file, Object object, char[] password) throws PkiFileException {
        try {
            if (object instanceof PEMKeyPair pair) {
                return jdkPrivateKey(file, pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return jdkPrivateKey(file, info);
            }
            requirePassword(file, password);
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                // legacy OpenSSL "Proc-Type: 4,ENCRYPTED"; our own BC instance, never the one Karaf's ssh registers
                return jdkPrivateKey(file, encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(new BouncyCastleProvider()).build(password)).getPrivateKeyInfo());
            }
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) object;
            return jdkPrivateKey(file, encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(new BouncyCastleProvider()).build(password)));
        } catch (PKCSException | OperatorCreationException | IOException e) {
            throw new PkiFileException(file + ": the private key cannot be decrypted (wrong password?)", e);
        }
    }

    /** A JDK (SunRsaSign or SunEC) key from PKCS#8, so that signing never depends on a BC provider. */
    private static PrivateKey jdkPrivateKey(Path file, PrivateKeyInfo info) throws PkiFileException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jca;
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            jca = "RSA";
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            jca = "EC";
        } else {
            throw new PkiFileException(file + " holds a key of type " + algorithm + ", neither RSA nor EC");
        }
        byte[] encoded = null;
        try {
            encoded = info.getEncoded();
            return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiFileException(file + ": the " + jca + " private key cannot be decoded", e);
        } finally {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    private static void requirePassword(Path file, char[] password) throws PkiFileException {
        if (password == null || password.length == 0) {
            throw new PkiFileException(file + " holds an encrypted private key but no password was given");
        }
    }

    private static List<X509Certificate> x509(Path file, Certificate[] certificates) throws PkiFileException {
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate cert : certificates == null ? new Certificate[0] : certificates) {
            if (!(cert instanceof X509Certificate x509)) {
                throw new PkiFileException(file + " holds a certificate that is not X.509");
            }
            result.add(x509);
        }
        return result;
    }

    private static void checkCount(Path file, int count) throws PkiFileException {
        if (count > MAX_CERTIFICATES) {
            throw new PkiFileException(file + " holds more than " + MAX_CERTIFICATES + " certificates");
        }
    }

    private static Reader reader(byte[] bytes) {
        return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
    }
}
