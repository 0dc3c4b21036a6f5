package io.flexgate.pki;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;

/**
 * The one place where a signature provider is chosen for trustpoint keys: the JDK's (SunRsaSign, SunEC) by
 * delayed provider selection, or a provider the caller prefers (the native one the IKEv2 engine loads), with
 * the key translated into that provider's form once per trustpoint ({@link ProviderKey}).
 */
final class SignatureFactory {

    /** The largest input {@link #sign} accepts: IKE AUTH octets are a message plus a nonce and a MAC. */
    static final int MAX_SIGNED_BYTES = 1 << 20;

    private SignatureFactory() {
    }

    static byte[] sign(PrivateKey key, String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data)
            throws GeneralSecurityException {
        return sign(key, jcaAlgorithm, parameters, data, null);
    }

    /**
     * Signs on {@code provider} ({@code null}: the JDK's choice); {@code key} must be one that provider takes.
     *
     * @throws NoSuchAlgorithmException when {@code provider} lacks the algorithm
     */
    static byte[] sign(PrivateKey key, String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data,
            Provider provider) throws GeneralSecurityException {
        if (data.length > MAX_SIGNED_BYTES) {
            throw new GeneralSecurityException("refusing to sign " + data.length + " bytes, more than "
                    + MAX_SIGNED_BYTES);
        }
        String keyAlgorithm = Certificates.keyAlgorithm(key);
        boolean ecdsa = jcaAlgorithm.toUpperCase(java.util.Locale.ROOT).contains("ECDSA");
        if (ecdsa != "EC".equals(keyAlgorithm)) {
            throw new InvalidKeyException(jcaAlgorithm + " cannot sign with an " + keyAlgorithm + " key");
        }
        Signature signature = provider == null ? Signature.getInstance(jcaAlgorithm)
                : Signature.getInstance(jcaAlgorithm, provider);
        signature.initSign(key);
        if (parameters != null) {
            signature.setParameter(parameters);
        }
        signature.update(data);
        return signature.sign();
    }
}
