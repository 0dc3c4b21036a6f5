package io.flexgate.ikev2.crypto;

import io.flexgate.nativecrypto.CryptoProviderMode;
import java.security.Provider;
import java.util.Optional;

/**
 * The one place that decides which implementation and provider serves each transform: HMAC, AES-CBC,
 * AES-GCM and ChaCha20-Poly1305 on the JCE; Curve25519 on Bouncy Castle's lightweight API (never through
 * {@code Security.getProvider("BC")}, since Karaf may carry a second Bouncy Castle copy); ECP groups and RSA
 * signatures on the native provider of a {@link ProviderChoice} once it has one (Amazon Corretto Crypto
 * Provider), and on Bouncy Castle and the JDK until then or without one. Immutable and thread-safe: create one
 * and share it (the provider choice inside may change once, from pure Java to native).
 */
public final class CryptoSuite {

    private final Provider symmetricProvider;
    private final Provider signatureProvider;
    private final boolean legacyGroups;
    private final ProviderChoice providers;

    private CryptoSuite(Provider symmetricProvider, Provider signatureProvider, boolean legacyGroups,
            ProviderChoice providers) {
        this.symmetricProvider = symmetricProvider;
        this.signatureProvider = signatureProvider;
        this.legacyGroups = legacyGroups;
        this.providers = providers;
    }

    /** JDK default providers and Bouncy Castle, no native provider, MODP-1024 off. */
    public static CryptoSuite defaults() {
        ProviderChoice jdk = new ProviderChoice(CryptoProviderMode.JDK);
        jdk.useJava("crypto.provider = jdk");
        return new CryptoSuite(null, null, false, jdk);
    }

    /** The same suite with MODP-1024 (group 2) on or off, for legacy Windows proposals. */
    public CryptoSuite withLegacyGroups(boolean enabled) {
        return new CryptoSuite(symmetricProvider, signatureProvider, enabled, providers);
    }

    /**
     * The same suite signing and verifying with {@code provider} whatever the provider choice says
     * ({@code null}: the choice's native provider, else the JDK's).
     */
    public CryptoSuite withSignatureProvider(Provider provider) {
        return new CryptoSuite(symmetricProvider, provider, legacyGroups, providers);
    }

    /** The same suite running HMAC and AES on {@code provider} ({@code null}: the JDK's choice). */
    public CryptoSuite withSymmetricProvider(Provider provider) {
        return new CryptoSuite(provider, signatureProvider, legacyGroups, providers);
    }

    /** The same suite taking RSA signatures and ECDH from {@code choice}'s native provider once it has one. */
    public CryptoSuite withProviders(ProviderChoice choice) {
        return new CryptoSuite(symmetricProvider, signatureProvider, legacyGroups, choice);
    }

    /** The provider choice this suite follows. */
    public ProviderChoice providers() {
        return providers;
    }

    /**
     * The provider for {@link java.security.Signature} now: the one set with {@link #withSignatureProvider},
     * else the native one of the provider choice, else {@code null} for the JDK's choice.
     */
    public Provider signatureProvider() {
        return signatureProvider != null ? signatureProvider : providers.nativeProvider().orElse(null);
    }

    public boolean legacyGroupsEnabled() {
        return legacyGroups;
    }

    public Optional<Prf> prf(PrfAlgorithm algorithm) {
        return Optional.ofNullable(Hmac.prf(algorithm, symmetricProvider));
    }

    public Optional<Integrity> integrity(IntegAlgorithm algorithm) {
        return Optional.ofNullable(Hmac.integrity(algorithm, symmetricProvider));
    }

    /** True for the combined-mode transforms, which take no INTEG transform (RFC 5282 section 8). */
    public boolean isAead(EncrAlgorithm algorithm) {
        return algorithm.equals(EncrAlgorithm.ENCR_AES_GCM_8) || algorithm.equals(EncrAlgorithm.ENCR_AES_GCM_12)
                || algorithm.equals(EncrAlgorithm.ENCR_AES_GCM_16)
                || algorithm.equals(EncrAlgorithm.ENCR_CHACHA20_POLY1305);
    }

    /**
     * The AEAD for an ENCR transform and its Key Length attribute in bits (0 when the transform carries
     * none, as for ChaCha20-Poly1305).
     */
    public Optional<Aead> aead(EncrAlgorithm algorithm, int keyBits) {
        return Optional.ofNullable(StandardAead.of(algorithm, keyBits, symmetricProvider));
    }

    /** The block cipher for an ENCR transform and its Key Length attribute in bits. */
    public Optional<Cipher> cipher(EncrAlgorithm algorithm, int keyBits) {
        return Optional.ofNullable(JceCbc.of(algorithm, keyBits, symmetricProvider));
    }

    /** The group, unless unknown, or legacy while legacy groups are off. */
    public Optional<KeyExchange> keyExchange(DhGroup group) {
        KeyExchange kx = group.equals(DhGroup.CURVE25519) ? new X25519KeyExchange()
                : providers.ecp(group).orElseGet(() -> EcpKeyExchange.of(group));
        if (kx == null) {
            kx = ModpKeyExchange.of(group);
        }
        if (kx != null && kx.isLegacy() && !legacyGroups) {
            return Optional.empty();
        }
        return Optional.ofNullable(kx);
    }

    @Override
    public String toString() {
        return "CryptoSuite[symmetric=" + name(symmetricProvider) + ", signature=" + name(signatureProvider())
                + ", legacyGroups=" + legacyGroups + ", " + providers.describe() + "]";
    }

    private static String name(Provider p) {
        return p == null ? "default" : p.getName();
    }
}
