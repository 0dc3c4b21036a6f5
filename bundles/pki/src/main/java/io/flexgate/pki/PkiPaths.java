package io.flexgate.pki;

import java.nio.file.Path;

/** Where relative key, certificate and CRL paths resolve: a configured base, else {@code ${karaf.data}}. */
final class PkiPaths {

    /** The system property Karaf sets to its data directory. */
    static final String KARAF_DATA = "karaf.data";
    /** Under the data directory: where imported and generated key material lives. */
    static final String DEFAULT_PKI_DIR = "flexgate/pki";

    private PkiPaths() {
    }

    static Path base(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String data = System.getProperty(KARAF_DATA);
        return Path.of(data == null || data.isBlank() ? "." : data).toAbsolutePath();
    }

    static Path resolve(Path base, String path) {
        return base.resolve(path.trim()).normalize();
    }
}
