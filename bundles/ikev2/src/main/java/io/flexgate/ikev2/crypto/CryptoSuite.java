package io.flexgate.ikev2.crypto;

import java.security.Provider;
import java.util.Optional;

/**
 * The one place that decides which implementation and provider serves each transform: HMAC, AES-CBC,
 * AES-GCM and ChaCha20-Poly1305 on the JCE; ECP and Curve25519 on Bouncy Castle's lightweight API (never
 * through {@code Security.getProvider("BC")}, since Karaf may carry a second Bouncy Castle copy); signature
 * verification on {@link #signatureProvider()}, the seam for a native RSA provider. Immutable and
 * thread-safe: create one and share it.
 */
public final class CryptoSuite {

    private final Provider symmetricProvider;
    private final Provider signatureProvider;
    private final boolean legacyGroups;

    private CryptoSuite(Provider symmetricProvider, Provider signatureProvider, boolean legacyGroups) {
        this.symmetricProvider = symmetricProvider;
        this.signatureProvider = signatureProvider;
        this.legacyGroups = legacyGroups;
    }

    /** JDK default providers, MODP-1024 off. */
    public static CryptoSuite defaults() {
        return new CryptoSuite(null, null, false);
    }

    /** The same suite with MODP-1024 (group 2) on or off, for legacy Windows proposals. */
    public CryptoSuite withLegacyGroups(boolean enabled) {
        return new CryptoSuite(symmetricProvider, signatureProvider, enabled);
    }

    /** The same suite verifying signatures with {@code provider} ({@code null}: the JDK's choice). */
    public CryptoSuite withSignatureProvider(Provider provider) {
        return new CryptoSuite(symmetricProvider, provider, legacyGroups);
    }

    /** The same suite running HMAC and AES on {@code provider} ({@code null}: the JDK's choice). */
    public CryptoSuite withSymmetricProvider(Provider provider) {
        return new CryptoSuite(provider, signatureProvider, legacyGroups);
    }

    /** The provider for {@link java.security.Signature}, or {@code null} for the JDK's choice. */
    public Provider signatureProvider() {
        return signatureProvider;
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
        KeyExchange kx = group.equals(DhGroup.CURVE25519) ? new X25519KeyExchange() : EcpKeyExchange.of(group);
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
        return "CryptoSuite[symmetric=" + name(symmetricProvider) + ", signature=" + name(signatureProvider)
                + ", legacyGroups=" + legacyGroups + "]";
    }

    private static String name(Provider p) {
        return p == null ? "default" : p.getName();
    }
}
