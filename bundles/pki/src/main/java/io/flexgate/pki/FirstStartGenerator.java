package io.flexgate.pki;

import io.flexgate.nativecrypto.CorrettoLoader;
import io.flexgate.nativecrypto.CryptoProviderMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: when no {@code io.flexgate.pki.trustpoint~*} configuration exists, generates a local CA
 * and a server certificate signed by it ({@link LocalCa}), stores them in the PKI directory
 * ({@link TrustpointStore}), writes the CA certificate for clients to import, and then creates the
 * configuration {@code io.flexgate.pki.trustpoint~IKEv2-TP} through ConfigurationAdmin, which makes SCR
 * activate the trustpoint the seed's profile names. Karaf's FileInstall has read {@code etc/} before
 * feature bundles start, so an operator's own trustpoint file always wins. When the key material is
 * already on disk (the configuration was lost, the data directory was not), it is reused, not replaced.
 *
 * <p>Afterwards, at start and once a day, a server certificate that the local CA issued is renewed
 * (new key, same names) when it expires within {@link #RENEW_BEFORE}; an imported one is never touched.
 */
@Component(immediate = true, configurationPid = PkiSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PkiSettings.class)
public final class FirstStartGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStartGenerator.class);
    static final String LOCAL_CA_NAME = "local-ca";
    /** A generated server certificate is renewed this long before it expires. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** How often a running headend checks for renewal. */
    static final Duration RENEW_CHECK_PERIOD = Duration.ofDays(1);
    /** subjectAltName types (RFC 5280 section 4.2.1.6). */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final TrustpointConfigurations configurations;
    private final PkiSettings settings;
    private final TrustpointStore store;
    private final Clock clock;
    private final ScheduledExecutorService renewals;

    @Activate
    public FirstStartGenerator(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            PkiSettings settings) throws IOException, GeneralSecurityException {
        this(new TrustpointConfigurations(configurationAdmin), settings,
                new TrustpointStore(PkiPaths.base(""), settings.pki_dir(), new SecureRandom()), Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "flexgate-pki-renewal")));
        long period = RENEW_CHECK_PERIOD.toMinutes();
        renewals.scheduleAtFixedRate(this::renewQuietly, period, period, TimeUnit.MINUTES);
    }

    FirstStartGenerator(TrustpointConfigurations configurations, PkiSettings settings, TrustpointStore store,
            Clock clock, ScheduledExecutorService renewals) throws IOException, GeneralSecurityException {
        this.configurations = configurations;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.renewals = renewals;
        if (!settings.generate()) {
            LOG.debug("Generation of a local CA is off");
            return;
        }
        if (!TrustpointSource.NAME.matcher(settings.generate_trustpoint()).matches()) {
            throw new IllegalArgumentException("'" + settings.generate_trustpoint() + "' cannot be a trustpoint name");
        }
        if (configurations.anyExists()) {
            renewIfExpiring();
        } else {
            firstStart();
        }
    }

    @Deactivate
    void deactivate() {
        renewals.shutdownNow();
    }

    private void firstStart() throws IOException, GeneralSecurityException {
        String name = settings.generate_trustpoint();
        if (store.holds(name)) {
            LOG.info("No trustpoint is configured; reusing the key material of {} in {}", name, store.directory());
        } else {
            generate(name);
        }
        X509Certificate stored;
        try {
            stored = store.load(name).endEntity();
        } catch (PkiFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        Map<String, Object> keySource = store.configuration(name, stored);
        if (!settings.fqdn().isBlank()) {
            keySource.put("fqdn", settings.fqdn().trim());
        }
        if (!settings.address().isBlank()) {
            keySource.put("address", settings.address().trim());
        }
        configurations.writeKeySource(name, keySource);
    }

    private void generate(String name) throws IOException, GeneralSecurityException {
        String fqdn = settings.fqdn().isBlank() ? localHostName() : settings.fqdn().trim();
        String address = settings.address().trim();
        long start = System.nanoTime();
        Optional<Provider> rsaProvider = rsaProvider();
        LocalCa.Issued issued = new LocalCa(new SecureRandom(), rsaProvider).generate(fqdn, address,
                settings.ca_key_type(), Duration.ofDays(settings.server_validity_days()), clock.instant());
        long millis = (System.nanoTime() - start) / 1_000_000;
        store.store(LOCAL_CA_NAME, issued.caKeys().getPrivate(), List.of(issued.caCert()));
        store.store(name, issued.serverKeys().getPrivate(), List.of(issued.serverCert(), issued.caCert()));
        Path caFile = store.directory().resolve(settings.ca_export_file());
        TrustpointStore.exportPem(caFile, List.of(issued.caCert()));
        LOG.info("No trustpoint was configured: generated trustpoint {} with a server certificate for {}{} issued by"
                + " the local CA '{}' (SHA-256 {}; keys made in {} ms with {}). Clients import the CA certificate"
                + " from {}", name, fqdn, address.isEmpty() ? " (set 'address' in " + PkiSettings.PID
                        + " to add an IP address)" : " and " + address, Certificates.subject(issued.caCert()),
                Certificates.fingerprint(issued.caCert(), "SHA-256"), millis,
                rsaProvider.map(Provider::getName).orElse("the JDK"), caFile);
    }

    /**
     * Renews the generated trustpoint's server certificate when it expires within {@link #RENEW_BEFORE}, the
     * local CA issued it, and the trustpoint's configuration still points at the stored key material.
     */
    void renewIfExpiring() throws IOException, GeneralSecurityException {
        String name = settings.generate_trustpoint();
        if (!store.holds(name) || !store.holds(LOCAL_CA_NAME) || !configuredFromStore(name)) {
            return;
        }
        KeyMaterial ca;
        KeyMaterial server;
        try {
            ca = store.load(LOCAL_CA_NAME);
            server = store.load(name);
        } catch (PkiFileException e) {
            LOG.warn("Cannot check trustpoint {} for renewal: {}", name, e.getMessage());
            return;
        }
        X509Certificate caCert = ca.endEntity();
        X509Certificate old = server.endEntity();
        if (!Certificates.issued(caCert, old)
                || clock.instant().plus(RENEW_BEFORE).isBefore(old.getNotAfter().toInstant())) {
            return;
        }
        LocalCa.Server renewed = new LocalCa(new SecureRandom(), rsaProvider()).issueServer(
                new KeyPair(caCert.getPublicKey(), ca.privateKey()), caCert, sanOf(old, SAN_DNS).orElseThrow(
                        () -> new GeneralSecurityException("'" + Certificates.subject(old) + "' has no DNS name")),
                sanOf(old, SAN_IP).orElse(""), Duration.ofDays(settings.server_validity_days()), clock.instant());
        store.store(name, renewed.keys().getPrivate(), List.of(renewed.cert(), caCert));
        // the new fingerprint changes the configuration, so SCR starts the trustpoint again with the new certificate
        configurations.writeKeySource(name, store.configuration(name, renewed.cert()));
        LOG.info("Trustpoint {}: renewed the server certificate '{}' (it expired on {}); the new one is valid until {}",
                name, Certificates.subject(old), old.getNotAfter().toInstant(), renewed.cert().getNotAfter().toInstant());
    }

    private void renewQuietly() {
        try {
            renewIfExpiring();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("Renewal check of trustpoint {} failed: {}", settings.generate_trustpoint(), e.toString());
        }
    }

    /**
     * Where RSA keys are generated ({@code crypto.provider}): the native provider, loaded here on the first call
     * (the IKEv2 engine later finds it loaded), or empty for the JDK.
     */
    private Optional<Provider> rsaProvider() throws GeneralSecurityException {
        CryptoProviderMode mode = CryptoProviderMode.parse(settings.crypto_provider());
        if (mode == CryptoProviderMode.JDK) {
            return Optional.empty();
        }
        CorrettoLoader.Result result = CorrettoLoader.load();
        if (result instanceof CorrettoLoader.Result.Loaded loaded) {
            return Optional.of(loaded.provider());
        }
        String reason = ((CorrettoLoader.Result.Unavailable) result).reason();
        if (mode == CryptoProviderMode.CORRETTO) {
            throw new GeneralSecurityException("crypto.provider = corretto in " + PkiSettings.PID + ", but " + reason);
        }
        LOG.info("Keys are generated with the JDK: {}", reason);
        return Optional.empty();
    }

    private boolean configuredFromStore(String name) throws IOException {
        Optional<Dictionary<String, Object>> properties = configurations.find(name);
        Object configured = properties.map(p -> p.get("pkcs12.file")).orElse(null);
        return Objects.equals(configured, store.pkcs12File(name));
    }

    private static Optional<String> sanOf(X509Certificate cert, int type) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names == null ? Optional.empty() : names.stream().filter(n -> ((Integer) n.get(0)) == type)
                    .map(n -> String.valueOf(n.get(1))).findFirst();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
