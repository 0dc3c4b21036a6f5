package io.flexgate.api.pki;

import java.time.Instant;

/**
 * One certificate as an operator sees it: names in RFC 2253 form, validity, and fingerprints over the
 * DER certificate as colon-separated upper-case hex (as {@code openssl x509 -fingerprint}).
 */
public record CertificateSummary(String subject, String issuer, Instant notBefore, Instant notAfter,
        String sha1Fingerprint, String sha256Fingerprint) {
}
