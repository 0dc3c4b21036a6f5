package io.flexgate.ikev2.crypto;

import io.flexgate.api.pki.Trustpoint;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A trustpoint holding a key pair in memory and signing with the JCA as the pki bundle does: on the provider
 * it is offered when that has the algorithm, else on the JDK's. Records the providers it was offered.
 */
final class KeyPairTrustpoint implements Trustpoint {

    private final KeyPair pair;
    final List<Provider> offered = new ArrayList<>();

    KeyPairTrustpoint(KeyPair pair) {
        this.pair = pair;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String keyAlgorithm() {
        return pair.getPrivate().getAlgorithm();
    }

    @Override
    public int keySize() {
        return 0;
    }

    @Override
    public List<X509Certificate> chain() {
        return List.of();
    }

    @Override
    public List<X509Certificate> chainFor(List<byte[]> certReqAuthorities) {
        return List.of();
    }

    @Override
    public List<byte[]> trustedAuthorityHashes() {
        return List.of();
    }

    @Override
    public byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data)
            throws GeneralSecurityException {
        return signOn(Signature.getInstance(jcaAlgorithm), parameters, data);
    }

    @Override
    public byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data, Provider provider)
            throws GeneralSecurityException {
        offered.add(provider);
        if (provider != null && provider.getService("Signature", jcaAlgorithm) != null) {
            return signOn(Signature.getInstance(jcaAlgorithm, provider), parameters, data);
        }
        return sign(jcaAlgorithm, parameters, data);
    }

    private byte[] signOn(Signature signature, AlgorithmParameterSpec parameters, byte[] data)
            throws GeneralSecurityException {
        signature.initSign(pair.getPrivate());
        if (parameters != null) {
            signature.setParameter(parameters);
        }
        signature.update(data);
        return signature.sign();
    }

    @Override
    public PeerValidation validatePeer(List<X509Certificate> chain, Instant now) {
        return new PeerValidation.Invalid("not used");
    }
}
