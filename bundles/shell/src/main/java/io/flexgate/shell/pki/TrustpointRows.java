package io.flexgate.shell.pki;

import io.flexgate.api.pki.CertificateSummary;
import io.flexgate.api.pki.TrustpointInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code crypto:pki-trustpoints}: per trustpoint its own certificate, the rest of the chain it
 * sends, and the CAs it trusts, one certificate per row. (A column with the IKEv2 profiles that use each
 * trustpoint comes with the profiles.)
 */
final class TrustpointRows {

    static final List<String> COLUMNS = List.of("Trustpoint", "Role", "Key", "Subject", "Issuer", "Valid from",
            "Valid until", "SHA-1", "SHA-256");

    private TrustpointRows() {
    }

    /** Fails the command with a clear message when the pki bundle (the TrustpointAdmin service) is not running. */
    static void requirePki(io.flexgate.api.pki.TrustpointAdmin admin) {
        if (admin == null) {
            throw new IllegalStateException("The PKI bundle io.flexgate.pki is not running (no TrustpointAdmin"
                    + " service)");
        }
    }

    static List<List<String>> rows(List<TrustpointInfo> trustpoints) {
        List<List<String>> rows = new ArrayList<>();
        for (TrustpointInfo info : trustpoints) {
            if (info instanceof TrustpointInfo.Active active) {
                String key = active.keyAlgorithm() + " " + active.keySize();
                for (int i = 0; i < active.chain().size(); i++) {
                    rows.add(row(active.name(), i == 0 ? "certificate" : "chain", i == 0 ? key : "",
                            active.chain().get(i)));
                }
                for (CertificateSummary ca : active.trustedCas()) {
                    rows.add(row(active.name(), "trusted CA", "", ca));
                }
            } else {
                rows.add(List.of(info.name(), "not active (see log)", "", "", "", "", "", "", ""));
            }
        }
        return rows;
    }

    static List<String> importedLines(TrustpointInfo.Active imported) {
        CertificateSummary cert = imported.chain().get(0);
        List<String> lines = new ArrayList<>();
        lines.add("Trustpoint " + imported.name() + ": " + imported.keyAlgorithm() + " " + imported.keySize()
                + " key and certificate imported.");
        lines.add("  Subject: " + cert.subject());
        lines.add("  Issuer:  " + cert.issuer());
        lines.add("  Valid:   " + cert.notBefore() + " to " + cert.notAfter());
        lines.add("  Chain sent to peers: " + imported.chain().size() + " certificate(s); trusted CAs: "
                + imported.trustedCas().size());
        lines.add("  SHA-256: " + cert.sha256Fingerprint());
        return lines;
    }

    private static List<String> row(String name, String role, String key, CertificateSummary cert) {
        return List.of(name, role, key, cert.subject(), cert.issuer(), cert.notBefore().toString(),
                cert.notAfter().toString(), cert.sha1Fingerprint(), cert.sha256Fingerprint());
    }
}
