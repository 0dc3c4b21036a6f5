package io.flexgate.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;

/**
 * A trustpoint's private key in the form a preferred provider takes without converting it on every signature
 * (the Amazon Corretto Crypto Provider re-imports a JDK key into native form per {@code initSign}, which more
 * than doubles the cost of an RSA-2048 signature here). Remembers the last provider asked for, which in
 * practice is the only one. Thread-safe.
 */
final class ProviderKey {

    private record Translated(Provider provider, Optional<PrivateKey> key) {
    }

    private final PrivateKey key;
    private volatile Translated last;

    ProviderKey(PrivateKey key) {
        this.key = key;
    }

    /** The key as {@code provider}'s own object, or empty when that provider cannot take it. */
    Optional<PrivateKey> on(Provider provider) {
        Translated t = last;
        if (t == null || t.provider() != provider) {
            t = new Translated(provider, translate(provider));
            last = t;
        }
        return t.key();
    }

    private Optional<PrivateKey> translate(Provider provider) {
        try {
            Key translated = KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
            return translated instanceof PrivateKey p ? Optional.of(p) : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
