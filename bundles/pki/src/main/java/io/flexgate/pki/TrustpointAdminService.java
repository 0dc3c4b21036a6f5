package io.flexgate.pki;

import io.flexgate.api.pki.CertificateSummary;
import io.flexgate.api.pki.PkiException;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pki.TrustpointAdmin;
import io.flexgate.api.pki.TrustpointInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TrustpointAdmin}: imports go into the {@link TrustpointStore} (re-encrypted under a generated
 * password, so the operator's password is kept nowhere) and into the trustpoint configuration through
 * ConfigurationAdmin; listing joins the configurations with the registered {@link Trustpoint} services.
 */
@Component(configurationPid = PkiSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TrustpointAdminService implements TrustpointAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TrustpointAdminService.class);

    private final TrustpointConfigurations configurations;
    private final TrustpointStore store;
    private final ConcurrentMap<String, Trustpoint> active = new ConcurrentHashMap<>();

    @Activate
    public TrustpointAdminService(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin, PkiSettings settings) {
        this(new TrustpointConfigurations(configurationAdmin),
                new TrustpointStore(PkiPaths.base(""), settings.pki_dir(), new SecureRandom()));
    }

    TrustpointAdminService(TrustpointConfigurations configurations, TrustpointStore store) {
        this.configurations = configurations;
        this.store = store;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTrustpoint(Trustpoint trustpoint, Map<String, Object> properties) {
        active.put(String.valueOf(properties.get(Trustpoint.PROP_NAME)), trustpoint);
    }

    void unbindTrustpoint(Trustpoint trustpoint, Map<String, Object> properties) {
        active.remove(String.valueOf(properties.get(Trustpoint.PROP_NAME)), trustpoint);
    }

    @Override
    public TrustpointInfo.Active importFile(String name, Path file, char[] password) throws PkiException {
        if (name == null || !TrustpointSource.NAME.matcher(name).matches()) {
            throw new PkiException("'" + name + "' cannot be a trustpoint name: use letters, digits, '.', '_' and '-'");
        }
        try {
            KeyMaterial material = KeyMaterialReader.read(file.toAbsolutePath(), password);
            TrustpointMaterial checked = TrustpointMaterial.of(name, material, List.of(), List.of(),
                    RevocationCheck.none);
            List<X509Certificate> chain = new ArrayList<>(checked.chains().defaultPath());
            store.store(name, checked.privateKey(), chain);
            configurations.writeKeySource(name, store.configuration(name, checked.endEntity()));
            LOG.info("Trustpoint {} imported from {}: certificate '{}' issued by '{}'", name, file,
                    Certificates.subject(checked.endEntity()), Certificates.issuer(checked.endEntity()));
            return info(name, new ConfiguredTrustpoint(checked));
        } catch (PkiFileException e) {
            throw new PkiException(e.getMessage(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("Trustpoint " + name + " cannot be stored in " + store.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<TrustpointInfo> trustpoints() {
        Map<String, TrustpointInfo> byName = new TreeMap<>();
        try {
            for (Dictionary<String, Object> properties : configurations.all()) {
                Object name = properties.get(Trustpoint.PROP_NAME);
                if (name != null) {
                    byName.put(name.toString(), new TrustpointInfo.Inactive(name.toString()));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list trustpoint configurations: {}", e.getMessage());
        }
        active.forEach((name, trustpoint) -> byName.put(name, info(name, trustpoint)));
        return List.copyOf(byName.values());
    }

    @Override
    public CertificateSummary exportCa(String name, Path file) throws PkiException {
        Trustpoint trustpoint = active.get(name);
        if (trustpoint == null) {
            throw new PkiException("Trustpoint " + name + " is not active");
        }
        if (!(trustpoint instanceof ConfiguredTrustpoint configured)) {
            throw new PkiException("Trustpoint " + name + " is not provided by this bundle and cannot be exported");
        }
        X509Certificate ca = configured.material().topCa().orElseThrow(() -> new PkiException("Trustpoint " + name
                + " holds no CA certificate: import it with the chain, or configure trusted.ca.files"));
        try {
            TrustpointStore.exportPem(file.toAbsolutePath(), List.of(ca));
        } catch (IOException e) {
            throw new PkiException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return summary(ca);
    }

    private static TrustpointInfo.Active info(String name, Trustpoint trustpoint) {
        List<X509Certificate> trusted = trustpoint instanceof ConfiguredTrustpoint configured
                ? configured.material().trustedCas() : List.of();
        return new TrustpointInfo.Active(name, trustpoint.keyAlgorithm(), trustpoint.keySize(),
                trustpoint.chain().stream().map(TrustpointAdminService::summary).toList(),
                trusted.stream().map(TrustpointAdminService::summary).toList());
    }

    static CertificateSummary summary(X509Certificate cert) {
        return new CertificateSummary(Certificates.subject(cert), Certificates.issuer(cert),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                Certificates.fingerprint(cert, "SHA-1"), Certificates.fingerprint(cert, "SHA-256"));
    }
}
