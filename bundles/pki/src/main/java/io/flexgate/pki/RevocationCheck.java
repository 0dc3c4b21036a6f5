package io.flexgate.pki;

/** How a trustpoint checks peer certificates for revocation ({@code revocation-check} in IOS). */
public enum RevocationCheck {
    /** No revocation check. */
    none,
    /** The end entity must be covered by a current CRL from the configured CRL file, and not listed. */
    crl
}
