package io.flexgate.shell.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.pki.CertificateSummary;
import io.flexgate.api.pki.TrustpointInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustpointRowsTest {

    private static final CertificateSummary SERVER = new CertificateSummary("CN=vpn.example.com",
            "CN=FlexGate Local CA vpn.example.com,O=FlexGate", Instant.parse("2026-11-28T11:00:00Z"),
            Instant.parse("2029-03-03T12:00:00Z"), "AA:BB", "CC:DD");
    private static final CertificateSummary CA = new CertificateSummary("CN=FlexGate Local CA vpn.example.com,O=FlexGate",
            "CN=FlexGate Local CA vpn.example.com,O=FlexGate", Instant.parse("2026-11-28T11:00:00Z"),
            Instant.parse("2036-11-28T12:00:00Z"), "EE:FF", "11:22");

    @Test
    void listsCertificateThenTrustedCasAndMarksInactiveTrustpoints() {
        List<List<String>> rows = TrustpointRows.rows(List.of(
                new TrustpointInfo.Active("IKEv2-TP", "RSA", 2048, List.of(SERVER), List.of(CA)),
                new TrustpointInfo.Inactive("OLD-TP")));

        assertThat(rows).containsExactly(
                List.of("IKEv2-TP", "certificate", "RSA 2048", "CN=vpn.example.com",
                        "CN=FlexGate Local CA vpn.example.com,O=FlexGate", "2026-11-28T11:00:00Z",
                        "2029-03-03T12:00:00Z", "AA:BB", "CC:DD"),
                List.of("IKEv2-TP", "trusted CA", "", "CN=FlexGate Local CA vpn.example.com,O=FlexGate",
                        "CN=FlexGate Local CA vpn.example.com,O=FlexGate", "2026-11-28T11:00:00Z",
                        "2036-11-28T12:00:00Z", "EE:FF", "11:22"),
                List.of("OLD-TP", "not active (see log)", "", "", "", "", "", "", ""));
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSameSizeAs(TrustpointRows.COLUMNS));
    }

    @Test
    void importSummaryNamesSubjectIssuerAndFingerprint() {
        List<String> lines = TrustpointRows.importedLines(
                new TrustpointInfo.Active("IKEv2-TP", "EC", 256, List.of(SERVER), List.of(CA)));

        assertThat(lines).containsExactly("Trustpoint IKEv2-TP: EC 256 key and certificate imported.",
                "  Subject: CN=vpn.example.com", "  Issuer:  CN=FlexGate Local CA vpn.example.com,O=FlexGate",
                "  Valid:   2026-11-28T11:00:00Z to 2029-03-03T12:00:00Z",
                "  Chain sent to peers: 1 certificate(s); trusted CAs: 1", "  SHA-256: CC:DD");
    }
}
