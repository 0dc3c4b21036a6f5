package io.flexgate.api.pki;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A trustpoint ({@code crypto pki trustpoint NAME}): a signing key with its certificate chain, and the CA
 * certificates trusted for peers. Registered per configuration {@code io.flexgate.pki.trustpoint~NAME}
 * with the service property {@link #PROP_NAME}.
 *
 * <p>The private key never leaves the pki bundle: the IKEv2 engine asks the trustpoint to sign. That is
 * also where a native RSA provider plugs in. Thread-safe.
 */
@ProviderType
public interface Trustpoint {

    /** Service property: the trustpoint's name ({@code String}). */
    String PROP_NAME = "trustpoint.name";

    String name();

    /** {@code RSA} or {@code EC}. */
    String keyAlgorithm();

    /** Key size in bits (2048, 3072, 256 ...). */
    int keySize();

    /** The end-entity certificate first, then its issuers, without the root. */
    List<X509Certificate> chain();

    /**
     * The chain to send for a peer's CERTREQ: the one whose issuer CA matches one of the given SHA-1
     * hashes of subject public key infos (RFC 7296 section 3.7); the default chain when none matches or
     * the list is empty.
     */
    List<X509Certificate> chainFor(List<byte[]> certReqAuthorities);

    /** SHA-1 hashes of the subject public key infos of the trusted CAs, for our own CERTREQ. */
    List<byte[]> trustedAuthorityHashes();

    /**
     * Signs {@code data} with the trustpoint's key.
     *
     * @param jcaAlgorithm a JCA signature name ({@code SHA256withRSA}, {@code RSASSA-PSS},
     *                     {@code SHA384withECDSA}, or {@code NONEwithRSA} for a prepared DigestInfo)
     * @param parameters   algorithm parameters (PSS), or {@code null}
     */
    byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data) throws GeneralSecurityException;

    /**
     * Signs {@code data} with the trustpoint's key on a preferred provider (a native one, such as the Amazon
     * Corretto Crypto Provider the IKEv2 engine loads), falling back to {@link #sign(String,
     * AlgorithmParameterSpec, byte[])}'s provider when {@code provider} lacks the algorithm or refuses the key.
     * The signature is the same either way; only the cost differs.
     *
     * @param provider the preferred provider, or {@code null} for the trustpoint's own choice
     */
    default byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data, Provider provider)
            throws GeneralSecurityException {
        return sign(jcaAlgorithm, parameters, data);
    }

    /**
     * Validates a peer's chain (end-entity first) against the trusted CAs: path, validity at {@code now},
     * key usage, and the configured CRL.
     */
    PeerValidation validatePeer(List<X509Certificate> chain, Instant now);

    /** The verdict on a peer chain. */
    sealed interface PeerValidation {
        record Valid(X509Certificate endEntity) implements PeerValidation {
        }

        /** One human sentence: which certificate and why (expired, untrusted issuer, revoked, EKU). */
        record Invalid(String reason) implements PeerValidation {
        }
    }
}
