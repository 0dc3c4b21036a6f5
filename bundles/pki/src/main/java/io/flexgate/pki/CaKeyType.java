package io.flexgate.pki;

/** The key type of the local CA generated on first start. */
public enum CaKeyType {
    /** RSA, {@link LocalCa#CA_RSA_BITS} bits. */
    RSA,
    /** ECDSA on {@link LocalCa#CA_EC_CURVE}. */
    EC
}
