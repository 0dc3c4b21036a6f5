package io.flexgate.ikev2.crypto;

import io.flexgate.api.pki.Trustpoint;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Signature authentication: RSA Digital Signature (method 1, RFC 7296 section 3.8: RSASSA-PKCS1-v1_5, with
 * SHA-1, or with the negotiated PRF's hash as Cisco gateways sign, see research/anchors.md section 2.6) and
 * Digital Signature (method 14, RFC 7427 section 3: {@code length | AlgorithmIdentifier | signature}), and the
 * ECDSA methods 9, 10 and 11 of RFC 4754 ({@code r | s} with SHA-256 on P-256, SHA-384 on P-384, SHA-512 on
 * P-521) for peers without RFC 7427.
 * Signing goes through the trustpoint, whose key never leaves the PKI bundle, and both signing and verifying
 * prefer {@link CryptoSuite#signatureProvider()} at the time of the call (the native provider once it has
 * loaded), falling back to the JDK's where that provider lacks the algorithm or refuses the key. Thread-safe.
 */
public final class SignatureAuth {

    /** Longest AUTH data we verify: an RSA-16384 signature plus the longest AlgorithmIdentifier. */
    public static final int MAX_AUTH_DATA_LENGTH = 2048 + 256;

    private final CryptoSuite suite;

    public SignatureAuth(CryptoSuite suite) {
        this.suite = suite;
    }

    /** The outcome of checking a peer's AUTH payload. */
    public sealed interface Verification {

        /** @param algorithm the JCA algorithm that verified ({@code SHA256withRSA}) */
        record Valid(String algorithm) implements Verification {
        }

        /** One sentence on what did not match; no key material. */
        record Invalid(String reason) implements Verification {
        }
    }

    /** The JCA name of PKCS#1 v1.5 with a digest ({@code SHA-256} gives {@code SHA256withRSA}). */
    static String rsaWith(String digest) {
        return digest.replace("-", "") + "withRSA";
    }

    /** AUTH data for method 14. */
    public byte[] signDigitalSignature(Trustpoint trustpoint, SignatureScheme scheme, byte[] signedOctets)
            throws GeneralSecurityException {
        byte[] signature = trustpoint.sign(scheme.jcaAlgorithm(), scheme.parameters(), signedOctets,
                suite.signatureProvider());
        byte[] algorithmIdentifier = scheme.algorithmIdentifier();
        byte[] authData = new byte[1 + algorithmIdentifier.length + signature.length];
        authData[0] = (byte) algorithmIdentifier.length;
        System.arraycopy(algorithmIdentifier, 0, authData, 1, algorithmIdentifier.length);
        System.arraycopy(signature, 0, authData, 1 + algorithmIdentifier.length, signature.length);
        return authData;
    }

    /**
     * AUTH data for method 1.
     *
     * @param digest {@code SHA-1} as RFC 7296 has it, or the PRF's {@link Prf#hashAlgorithm()} for Cisco peers
     */
    public byte[] signRsa(Trustpoint trustpoint, String digest, byte[] signedOctets) throws GeneralSecurityException {
        return trustpoint.sign(rsaWith(digest), null, signedOctets, suite.signatureProvider());
    }

    /**
     * Checks method 14 AUTH data: a known AlgorithmIdentifier among {@code accepted}, matching the key type, and
     * a valid signature over {@code signedOctets}.
     */
    public Verification verifyDigitalSignature(PublicKey key, byte[] authData, byte[] signedOctets,
            Collection<SignatureScheme> accepted) {
        if (authData.length < 2 || authData.length > MAX_AUTH_DATA_LENGTH) {
            return new Verification.Invalid("AUTH data of " + authData.length + " octets");
        }
        int idLength = authData[0] & 0xff;
        if (1 + idLength >= authData.length) {
            return new Verification.Invalid("AlgorithmIdentifier length " + idLength + " leaves no signature");
        }
        Optional<SignatureScheme> scheme = SignatureScheme.fromAlgorithmIdentifier(
                Arrays.copyOfRange(authData, 1, 1 + idLength));
        if (scheme.isEmpty() || !accepted.contains(scheme.get())) {
            return new Verification.Invalid("unsupported or unaccepted AlgorithmIdentifier");
        }
        SignatureScheme s = scheme.get();
        if (!keyFits(key, s)) {
            return new Verification.Invalid(s + " does not fit a " + key.getAlgorithm() + " key");
        }
        byte[] signature = Arrays.copyOfRange(authData, 1 + idLength, authData.length);
        return verify(key, s.jcaAlgorithm(), s, signature, signedOctets);
    }

    /**
     * Checks method 1 AUTH data with each digest in turn (for instance {@code SHA-1}, then the PRF's hash for
     * Cisco peers).
     */
    public Verification verifyRsa(PublicKey key, byte[] authData, byte[] signedOctets, List<String> digests) {
        if (!"RSA".equals(key.getAlgorithm())) {
            return new Verification.Invalid("RSA signature with a " + key.getAlgorithm() + " key");
        }
        if (authData.length == 0 || authData.length > MAX_AUTH_DATA_LENGTH) {
            return new Verification.Invalid("AUTH data of " + authData.length + " octets");
        }
        for (String digest : digests) {
            Verification v = verify(key, rsaWith(digest), null, authData, signedOctets);
            if (v instanceof Verification.Valid) {
                return v;
            }
        }
        return new Verification.Invalid("RSA signature does not verify with " + digests);
    }

    /** ECDSA AUTH data for method 9, 10 or 11 (RFC 4754 section 7). */
    public byte[] signEcdsa(Trustpoint trustpoint, AuthMethod method, byte[] signedOctets)
            throws GeneralSecurityException {
        EcdsaMethod m = EcdsaMethod.of(method);
        byte[] der = trustpoint.sign(m.jcaAlgorithm, null, signedOctets, suite.signatureProvider());
        try {
            return EcdsaEncoding.derToConcatenated(der, m.halfLength);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new SignatureException("trustpoint returned no ECDSA-Sig-Value", e);
        }
    }

    /**
     * Checks method 9, 10 or 11 AUTH data: the key's curve must be the method's (RFC 4754 section 3).
     *
     * @throws IllegalArgumentException when {@code method} is not 9, 10 or 11 (the caller's mistake, not the peer's)
     */
    public Verification verifyEcdsa(PublicKey key, AuthMethod method, byte[] authData, byte[] signedOctets) {
        EcdsaMethod m = EcdsaMethod.of(method);
        if (!(key instanceof java.security.interfaces.ECPublicKey ec)
                || ec.getParams().getCurve().getField().getFieldSize() != m.curveBits) {
            return new Verification.Invalid(method.name() + " needs a P-" + m.curveBits + " key");
        }
        if (authData.length != 2 * m.halfLength) {
            return new Verification.Invalid(method.name() + " signature of " + authData.length + " octets");
        }
        try {
            return verify(key, m.jcaAlgorithm, null, EcdsaEncoding.concatenatedToDer(authData), signedOctets);
        } catch (java.io.IOException e) {
            return new Verification.Invalid(method.name() + " signature is malformed");
        }
    }

    /** The RFC 4754 methods: hash, curve and octets of r and of s. */
    private enum EcdsaMethod {
        P256("SHA256withECDSA", 256, 32), P384("SHA384withECDSA", 384, 48), P521("SHA512withECDSA", 521, 66);

        final String jcaAlgorithm;
        final int curveBits;
        final int halfLength;

        EcdsaMethod(String jcaAlgorithm, int curveBits, int halfLength) {
            this.jcaAlgorithm = jcaAlgorithm;
            this.curveBits = curveBits;
            this.halfLength = halfLength;
        }

        static EcdsaMethod of(AuthMethod method) {
            if (method.equals(AuthMethod.ECDSA_SHA256_P256)) {
                return P256;
            } else if (method.equals(AuthMethod.ECDSA_SHA384_P384)) {
                return P384;
            } else if (method.equals(AuthMethod.ECDSA_SHA512_P521)) {
                return P521;
            }
            throw new IllegalArgumentException(method + " is not an RFC 4754 ECDSA method");
        }
    }

    private static boolean keyFits(PublicKey key, SignatureScheme scheme) {
        String algorithm = key.getAlgorithm();
        if ("RSASSA-PSS".equals(algorithm)) {
            return "RSASSA-PSS".equals(scheme.jcaAlgorithm());
        }
        return scheme.keyAlgorithm().equals(algorithm);
    }

    private Verification verify(PublicKey key, String jcaAlgorithm, SignatureScheme scheme, byte[] signature,
            byte[] signedOctets) {
        try {
            Signature verifier = verifier(jcaAlgorithm, scheme, key);
            verifier.update(signedOctets);
            return verifier.verify(signature) ? new Verification.Valid(jcaAlgorithm)
                    : new Verification.Invalid(jcaAlgorithm + " signature does not verify");
        } catch (SignatureException e) {
            return new Verification.Invalid(jcaAlgorithm + " signature is malformed");
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            return new Verification.Invalid(jcaAlgorithm + " cannot use this key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaAlgorithm + " is not available", e);
        }
    }

    /**
     * A verifier initialised with {@code key}: on the suite's signature provider when it has the algorithm and
     * takes the key, else on the JDK's choice (which then reports what is wrong with the key).
     */
    private Signature verifier(String jcaAlgorithm, SignatureScheme scheme, PublicKey key)
            throws GeneralSecurityException {
        Provider preferred = suite.signatureProvider();
        if (preferred != null) {
            try {
                return initVerify(Signature.getInstance(jcaAlgorithm, preferred), scheme, key);
            } catch (NoSuchAlgorithmException | InvalidKeyException | InvalidAlgorithmParameterException e) {
                // Not this provider's algorithm, key type or parameters: the JDK decides below.
            }
        }
        return initVerify(Signature.getInstance(jcaAlgorithm), scheme, key);
    }

    private static Signature initVerify(Signature verifier, SignatureScheme scheme, PublicKey key)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        verifier.initVerify(key);
        if (scheme != null && scheme.parameters() != null) {
            verifier.setParameter(scheme.parameters());
        }
        return verifier;
    }
}
