package io.flexgate.api.pki;

import java.util.List;

/** What {@code crypto:pki-trustpoints} shows of one trustpoint. */
public sealed interface TrustpointInfo {

    String name();

    /**
     * A trustpoint whose service is registered.
     *
     * @param chain      the chain sent to peers, end entity first
     * @param trustedCas the CAs trusted for peer certificates
     */
    record Active(String name, String keyAlgorithm, int keySize, List<CertificateSummary> chain,
            List<CertificateSummary> trustedCas) implements TrustpointInfo {

        public Active {
            chain = List.copyOf(chain);
            trustedCas = List.copyOf(trustedCas);
        }
    }

    /** A trustpoint that is configured but not active; the log says why (wrong password, self-signed ...). */
    record Inactive(String name) implements TrustpointInfo {
    }
}
