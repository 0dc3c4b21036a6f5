package io.flexgate.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link TrustpointConfig} into checked {@link TrustpointMaterial}: resolves paths, reads the
 * password, the key and certificates, the trusted CAs and CRLs, and applies {@link KeyPolicy}.
 */
final class TrustpointSource {

    /** Trustpoint names: what IOS accepts and what is safe in a PID and a file name. */
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private TrustpointSource() {
    }

    static TrustpointMaterial load(TrustpointConfig config) throws PkiFileException {
        String name = config.trustpoint_name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PkiFileException("configuration " + TrustpointConfig.FACTORY_PID + " needs trustpoint.name of"
                    + " letters, digits, '.', '_' and '-' (got '" + name + "')");
        }
        Path base = PkiPaths.base(config.base_dir());
        char[] password = password(config, base);
        try {
            KeyMaterial material = keyMaterial(config, base, password);
            List<X509Certificate> trusted = new ArrayList<>();
            for (String file : nonBlank(config.trusted_ca_files())) {
                trusted.addAll(KeyMaterialReader.readCertificates(PkiPaths.resolve(base, file)));
            }
            List<X509CRL> crls = config.crl_file().isBlank() ? List.of()
                    : KeyMaterialReader.readCrls(PkiPaths.resolve(base, config.crl_file()));
            if (config.revocation_check() == RevocationCheck.crl && crls.isEmpty()) {
                throw new PkiFileException("trustpoint " + name + ": revocation.check = crl needs crl.file");
            }
            TrustpointMaterial checked = TrustpointMaterial.of(name, material, trusted, crls, config.revocation_check());
            String pinned = config.certificate_sha256().trim();
            String actual = Certificates.fingerprint(checked.endEntity(), "SHA-256");
            if (!pinned.isEmpty() && !pinned.equalsIgnoreCase(actual)) {
                throw new PkiFileException("trustpoint " + name + ": the certificate '"
                        + Certificates.subject(checked.endEntity()) + "' has SHA-256 " + actual + ", not the configured "
                        + pinned + "; the key material was replaced behind the configuration's back");
            }
            return checked;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static KeyMaterial keyMaterial(TrustpointConfig config, Path base, char[] password)
            throws PkiFileException {
        boolean pkcs12 = !config.pkcs12_file().isBlank();
        boolean pem = !config.key_file().isBlank();
        if (pkcs12 == pem) {
            throw new PkiFileException("trustpoint " + config.trustpoint_name()
                    + " needs either pkcs12.file or key.file (with cert.file), not " + (pkcs12 ? "both" : "neither"));
        }
        if (pkcs12) {
            return KeyMaterialReader.read(PkiPaths.resolve(base, config.pkcs12_file()), password);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        if (!config.cert_file().isBlank()) {
            certificates.addAll(KeyMaterialReader.readCertificates(PkiPaths.resolve(base, config.cert_file())));
        }
        for (String file : nonBlank(config.chain_files())) {
            certificates.addAll(KeyMaterialReader.readCertificates(PkiPaths.resolve(base, file)));
        }
        Path keyFile = PkiPaths.resolve(base, config.key_file());
        return KeyMaterialReader.readPem(keyFile, KeyMaterialReader.readLimited(keyFile), password, certificates);
    }

    /** {@code chain.files =} with nothing after it arrives as one empty string. */
    private static List<String> nonBlank(String[] files) {
        return files == null ? List.of() : Arrays.stream(files).filter(f -> f != null && !f.isBlank()).toList();
    }

    private static char[] password(TrustpointConfig config, Path base) throws PkiFileException {
        if (!config._password().isEmpty()) {
            return config._password().toCharArray();
        }
        if (config.password_file().isBlank()) {
            return new char[0];
        }
        byte[] bytes = KeyMaterialReader.readLimited(PkiPaths.resolve(base, config.password_file()));
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
