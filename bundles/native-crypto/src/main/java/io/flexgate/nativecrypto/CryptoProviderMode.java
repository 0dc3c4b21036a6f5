package io.flexgate.nativecrypto;

import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code crypto.provider} switch of {@code io.flexgate.ikev2} (RSA signatures and ECDH) and of
 * {@code io.flexgate.pki} (first-start key generation). {@link #AUTO} uses the Amazon Corretto Crypto Provider
 * when its native library loads and is healthy, and the pure-Java providers until then or otherwise;
 * {@link #CORRETTO} requires it (the component does not start without it); {@link #JDK} never loads it.
 */
public enum CryptoProviderMode {
    AUTO, CORRETTO, JDK;

    /** The mode for a configuration value, case-insensitive. */
    public static CryptoProviderMode parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (CryptoProviderMode m : values()) {
            if (m.name().equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("crypto.provider '" + value + "' is none of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    /** The configuration value ({@code auto}, {@code corretto}, {@code jdk}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
