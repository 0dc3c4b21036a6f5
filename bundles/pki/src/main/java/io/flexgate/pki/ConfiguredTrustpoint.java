package io.flexgate.pki;

import io.flexgate.api.pki.Trustpoint;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trustpoint per configuration {@code io.flexgate.pki.trustpoint~NAME}, registered as {@link Trustpoint}
 * with the service property {@code trustpoint.name}. Activation fails, with the reason logged by SCR,
 * when the key material cannot be read or is refused (wrong password, unsupported key, self-signed).
 */
@Component(service = Trustpoint.class, configurationPid = TrustpointConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TrustpointConfig.class, factory = true)
public final class ConfiguredTrustpoint implements Trustpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredTrustpoint.class);
    /** subjectAltName types (RFC 5280 section 4.2.1.6). */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    /** A certificate that expires sooner than this is warned about at activation. */
    static final java.time.Duration EXPIRY_WARNING = java.time.Duration.ofDays(30);

    private final TrustpointMaterial material;
    private final ProviderKey providerKey;

    @Activate
    public ConfiguredTrustpoint(TrustpointConfig config) throws PkiFileException {
        this(TrustpointSource.load(config));
        warnIfSanLacks(config.fqdn(), SAN_DNS);
        warnIfSanLacks(config.address(), SAN_IP);
        X509Certificate cert = material.endEntity();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (Instant.now().plus(EXPIRY_WARNING).isAfter(notAfter)) {
            LOG.warn("Trustpoint {}: certificate '{}' expires on {}; import a renewed one with crypto:pki-import",
                    material.name(), Certificates.subject(cert), notAfter);
        }
        LOG.info("Trustpoint {}: {} {} key, certificate '{}' issued by '{}', valid until {}, {} trusted CA(s)",
                material.name(), keyAlgorithm(), material.keySize(), Certificates.subject(cert),
                Certificates.issuer(cert), cert.getNotAfter().toInstant(), material.trustedCas().size());
    }

    ConfiguredTrustpoint(TrustpointMaterial material) {
        this.material = material;
        this.providerKey = new ProviderKey(material.privateKey());
    }

    TrustpointMaterial material() {
        return material;
    }

    @Override
    public String name() {
        return material.name();
    }

    @Override
    public String keyAlgorithm() {
        return Certificates.keyAlgorithm(material.privateKey());
    }

    @Override
    public int keySize() {
        return material.keySize();
    }

    @Override
    public List<X509Certificate> chain() {
        return material.chains().defaultChain();
    }

    @Override
    public List<X509Certificate> chainFor(List<byte[]> certReqAuthorities) {
        return material.chains().chainFor(certReqAuthorities);
    }

    @Override
    public List<byte[]> trustedAuthorityHashes() {
        List<byte[]> hashes = new ArrayList<>();
        for (X509Certificate ca : material.trustedCas()) {
            hashes.add(Certificates.spkiSha1(ca));
        }
        return hashes;
    }

    @Override
    public byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data)
            throws GeneralSecurityException {
        return SignatureFactory.sign(material.privateKey(), jcaAlgorithm, parameters, data.clone());
    }

    /** On {@code provider} with the key translated once for it; on the JDK's when it lacks the algorithm or key. */
    @Override
    public byte[] sign(String jcaAlgorithm, AlgorithmParameterSpec parameters, byte[] data, Provider provider)
            throws GeneralSecurityException {
        Optional<PrivateKey> key = provider == null ? Optional.empty() : providerKey.on(provider);
        if (key.isPresent()) {
            try {
                return SignatureFactory.sign(key.get(), jcaAlgorithm, parameters, data.clone(), provider);
            } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
                LOG.debug("Trustpoint {}: {} not on {} ({}), signing on the JDK's provider", material.name(),
                        jcaAlgorithm, provider.getName(), e.getClass().getSimpleName());
            }
        }
        return sign(jcaAlgorithm, parameters, data);
    }

    @Override
    public PeerValidation validatePeer(List<X509Certificate> chain, Instant now) {
        PeerValidation verdict = material.peerValidator().validate(chain == null ? null : List.copyOf(chain), now);
        if (verdict instanceof PeerValidation.Invalid invalid) {
            LOG.debug("Trustpoint {}: peer certificate refused: {}", material.name(), invalid.reason());
        }
        return verdict;
    }

    private void warnIfSanLacks(String value, int type) {
        if (value == null || value.isBlank()) {
            return;
        }
        X509Certificate cert = material.endEntity();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            boolean present = names != null && names.stream()
                    .anyMatch(n -> ((Integer) n.get(0)) == type && value.trim().equalsIgnoreCase(String.valueOf(n.get(1))));
            if (!present) {
                LOG.warn("Trustpoint {}: certificate '{}' lacks subjectAltName {}; Windows clients that connect"
                        + " to it will fail with error 13801", material.name(), Certificates.subject(cert), value);
            }
        } catch (CertificateParsingException e) {
            LOG.warn("Trustpoint {}: the subjectAltName of '{}' is unreadable", material.name(),
                    Certificates.subject(cert));
        }
    }
}
