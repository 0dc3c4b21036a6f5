package io.flexgate.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 */
@Component(immediate = true, configurationPid = PkiSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PkiSettings.class)
public final class FirstStartGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStartGenerator.class);
    private static final String LOCAL_CA_NAME = "local-ca";

    @Activate
    public FirstStartGenerator(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin, PkiSettings settings)
            throws IOException, GeneralSecurityException {
        this(new TrustpointConfigurations(configurationAdmin), settings,
                new TrustpointStore(PkiPaths.base(""), settings.pki_dir(), new SecureRandom()), Clock.systemUTC());
    }

    FirstStartGenerator(TrustpointConfigurations configurations, PkiSettings settings, TrustpointStore store,
            Clock clock) throws IOException, GeneralSecurityException {
        if (!settings.generate() || configurations.anyExists()) {
            LOG.debug("Trustpoints are configured (or generation is off): nothing to generate");
            return;
        }
        String name = settings.generate_trustpoint();
        if (!TrustpointSource.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot be a trustpoint name");
        }
        if (store.holds(name)) {
            LOG.info("No trustpoint is configured; reusing the key material of {} in {}", name, store.directory());
        } else {
            generate(name, settings, store, clock);
        }
        Map<String, Object> keySource = store.configuration(name);
        if (!settings.fqdn().isBlank()) {
            keySource.put("fqdn", settings.fqdn().trim());
        }
        if (!settings.address().isBlank()) {
            keySource.put("address", settings.address().trim());
        }
        configurations.writeKeySource(name, keySource);
    }

    private static void generate(String name, PkiSettings settings, TrustpointStore store, Clock clock)
            throws IOException, GeneralSecurityException {
        String fqdn = settings.fqdn().isBlank() ? localHostName() : settings.fqdn().trim();
        String address = settings.address().trim();
        LocalCa.Issued issued = new LocalCa(new SecureRandom()).generate(fqdn, address, settings.ca_key_type(),
                Duration.ofDays(settings.server_validity_days()), clock.instant());
        store.store(LOCAL_CA_NAME, issued.caKeys().getPrivate(), List.of(issued.caCert()));
        store.store(name, issued.serverKeys().getPrivate(), List.of(issued.serverCert(), issued.caCert()));
        Path caFile = store.directory().resolve(settings.ca_export_file());
        TrustpointStore.exportPem(caFile, List.of(issued.caCert()));
        LOG.info("No trustpoint was configured: generated trustpoint {} with a server certificate for {}{} issued by"
                + " the local CA '{}' (SHA-256 {}). Clients import the CA certificate from {}", name, fqdn,
                address.isEmpty() ? " (set 'address' in " + PkiSettings.PID + " to add an IP address)" : " and "
                        + address, Certificates.subject(issued.caCert()),
                Certificates.fingerprint(issued.caCert(), "SHA-256"), caFile);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
