package io.flexgate.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The directory where imported and generated key material lives (by default
 * {@code ${karaf.data}/flexgate/pki}): per trustpoint {@code NAME/NAME.p12} protected by a generated
 * password kept in {@code NAME/NAME.pass}, both rw-------. Storing everything as PKCS#12 with our own
 * password means an imported file's password is never kept anywhere.
 */
final class TrustpointStore {

    /** Random bytes in a generated PKCS#12 password (256 bits). */
    static final int PASSWORD_BYTES = 32;

    private final Path base;
    private final Path directory;
    private final SecureRandom random;

    /**
     * @param base      the directory configured paths are relative to ({@code ${karaf.data}})
     * @param directory the pki directory, relative to {@code base} or absolute
     */
    TrustpointStore(Path base, String directory, SecureRandom random) {
        this.base = base.toAbsolutePath().normalize();
        this.directory = PkiPaths.resolve(this.base, directory);
        this.random = random;
    }

    Path directory() {
        return directory;
    }

    Path pkcs12(String name) {
        return directory.resolve(name).resolve(name + ".p12");
    }

    Path passwordFile(String name) {
        return directory.resolve(name).resolve(name + ".pass");
    }

    boolean holds(String name) {
        return Files.isRegularFile(pkcs12(name)) && Files.isRegularFile(passwordFile(name));
    }

    /** Stores a key with its chain under {@code name}, replacing what was there. */
    void store(String name, PrivateKey key, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        byte[] secret = new byte[PASSWORD_BYTES];
        random.nextBytes(secret);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        Arrays.fill(secret, (byte) 0);
        byte[] passwordBytes = new String(password).getBytes(StandardCharsets.US_ASCII);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, key, password, chain.toArray(new X509Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            OwnerOnlyFiles.writeSecret(passwordFile(name), passwordBytes);
            OwnerOnlyFiles.writeSecret(pkcs12(name), out.toByteArray());
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /** Reads back what {@link #store} wrote under {@code name}. */
    KeyMaterial load(String name) throws PkiFileException {
        byte[] bytes = KeyMaterialReader.readLimited(passwordFile(name));
        char[] password = new String(bytes, StandardCharsets.US_ASCII).trim().toCharArray();
        try {
            return KeyMaterialReader.read(pkcs12(name), password);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The trustpoint configuration properties that point at what {@link #store} wrote, pinned to the stored
     * certificate by its fingerprint (so that every new certificate is also a configuration change).
     */
    Map<String, Object> configuration(String name, X509Certificate endEntity) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("trustpoint.name", name);
        properties.put("pkcs12.file", pkcs12File(name));
        properties.put("password.file", relative(passwordFile(name)));
        properties.put("certificate.sha256", Certificates.fingerprint(endEntity, "SHA-256"));
        return properties;
    }

    /** The {@code pkcs12.file} value that points into this store. */
    String pkcs12File(String name) {
        return relative(pkcs12(name));
    }

    /** Writes certificates as PEM, readable by all: what clients import. */
    static void exportPem(Path file, List<X509Certificate> certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate cert : certificates) {
                writer.writeObject(cert);
            }
        }
        OwnerOnlyFiles.writePublic(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private String relative(Path path) {
        return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }
}
