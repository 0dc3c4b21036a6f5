package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First start: a local CA, a server certificate clients accept, files only the owner reads, a trustpoint configuration. */
class FirstStartGeneratorTest {

    /** The default first start (RSA keys take a while to generate) is shared by the tests that only read it. */
    @TempDir
    static Path shared;
    private static final MemoryConfigurationAdmin SHARED_ADMIN = new MemoryConfigurationAdmin();
    /** Never used by the package-private constructor; only the DS constructor schedules daily checks. */
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopRenewals() {
        RENEWALS.shutdownNow();
    }

    @TempDir
    Path data;

    private MemoryConfigurationAdmin configAdmin = new MemoryConfigurationAdmin();
    private static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    @BeforeAll
    static void firstStartWithDefaults() throws Exception {
        PkiSettings settings = settings(Map.of());
        new FirstStartGenerator(new TrustpointConfigurations(SHARED_ADMIN.admin()), settings,
                new TrustpointStore(shared, settings.pki_dir(), new SecureRandom()), CLOCK, RENEWALS);
    }

    private void useShared() {
        data = shared;
        configAdmin = SHARED_ADMIN;
    }

    private static PkiSettings settings(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of("fqdn", "vpn.example.com", "address", "192.0.2.1"));
        properties.putAll(overrides);
        return ConfigProxy.of(PkiSettings.class, properties);
    }

    private void firstStart(PkiSettings settings) throws Exception {
        startAt(settings, CLOCK);
    }

    private void startAt(PkiSettings settings, Clock clock) throws Exception {
        new FirstStartGenerator(new TrustpointConfigurations(configAdmin.admin()), settings,
                new TrustpointStore(data, settings.pki_dir(), new SecureRandom()), clock, RENEWALS);
    }

    /** Copies the shared first start into this test's own data directory and configuration. */
    private void copyShared() throws Exception {
        try (var files = Files.walk(shared)) {
            for (Path source : files.toList()) {
                Path target = data.resolve(shared.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        SHARED_ADMIN.configurations.forEach((pid, properties) -> configAdmin.configurations.put(pid,
                new Hashtable<>(properties)));
    }

    /** Activates the trustpoint from what the generator wrote, as SCR would, with paths relative to {@code data}. */
    private ConfiguredTrustpoint activateGenerated() throws Exception {
        Hashtable<String, Object> written = configAdmin.configurations.get("io.flexgate.pki.trustpoint~IKEv2-TP");
        assertThat(written).isNotNull();
        Map<String, Object> properties = new HashMap<>(written);
        properties.put("base.dir", data.toString());
        return new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, properties));
    }

    @Test
    void generatesACaSignedServerCertificateWithSanAndWindowsUsages() throws Exception {
        useShared();
        ConfiguredTrustpoint trustpoint = activateGenerated();

        X509Certificate server = trustpoint.chain().get(0);
        X509Certificate ca = trustpoint.material().topCa().orElseThrow();
        assertThat(trustpoint.chain()).containsExactly(server);
        assertThat(Certificates.selfSigned(server)).isFalse();
        assertThat(Certificates.issued(ca, server)).isTrue();
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=vpn.example.com");
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "vpn.example.com"),
                List.of(7, "192.0.2.1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.8.2.2");
        assertThat(server.getKeyUsage()).startsWith(true, false, false, false, false, false);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(trustpoint.keyAlgorithm()).isEqualTo("RSA");
        assertThat(trustpoint.keySize()).isEqualTo(2048);
        assertThat(PeerValidator.usageProblem(server)).isNull();

        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofDays(3650));
        assertThat(configAdmin.configurations.get("io.flexgate.pki.trustpoint~IKEv2-TP"))
                .containsEntry("trustpoint.name", "IKEv2-TP").containsEntry("fqdn", "vpn.example.com")
                .containsEntry("address", "192.0.2.1").doesNotContainKey(".password");
    }

    @Test
    void storesKeysOwnerOnlyAndExportsTheCaCertificateForClients() throws Exception {
        useShared();
        Path pki = data.resolve("flexgate/pki");

        for (Path secret : List.of(pki.resolve("IKEv2-TP/IKEv2-TP.p12"), pki.resolve("IKEv2-TP/IKEv2-TP.pass"),
                pki.resolve("local-ca/local-ca.p12"), pki.resolve("local-ca/local-ca.pass"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as("%s", secret)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("IKEv2-TP"))))
                .isEqualTo("rwx------");
        X509Certificate exported = KeyMaterialReader.readCertificates(pki.resolve("ca.crt")).get(0);
        assertThat(exported).isEqualTo(activateGenerated().material().topCa().orElseThrow());
        assertThat(Files.readString(pki.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void generatesAnEcdsaCaWhenAsked() throws Exception {
        firstStart(settings(Map.of("ca.key.type", "EC", "address", "", "crypto.provider", "jdk")));
        ConfiguredTrustpoint trustpoint = activateGenerated();
        assertThat(trustpoint.keySize()).as("server key, made by the JDK").isEqualTo(2048);

        X509Certificate ca = trustpoint.material().topCa().orElseThrow();
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(trustpoint.chain().get(0).getSubjectAlternativeNames()).containsExactly(List.of(2, "vpn.example.com"));
    }

    @Test
    void leavesAnExistingTrustpointAlone() throws Exception {
        configAdmin.configurations.put("io.flexgate.pki.trustpoint~MINE", new Hashtable<>(Map.of(
                "service.factoryPid", "io.flexgate.pki.trustpoint", "trustpoint.name", "MINE")));

        firstStart(settings(Map.of()));

        assertThat(configAdmin.configurations).containsOnlyKeys("io.flexgate.pki.trustpoint~MINE");
        assertThat(data.resolve("flexgate")).doesNotExist();
    }

    @Test
    void reusesStoredKeyMaterialWhenOnlyTheConfigurationWasLost() throws Exception {
        useShared();
        X509Certificate first = activateGenerated().chain().get(0);
        configAdmin = new MemoryConfigurationAdmin();

        firstStart(settings(Map.of()));

        assertThat(activateGenerated().chain().get(0)).isEqualTo(first);
    }

    @Test
    void refusesAnUnknownKeyGenerationProviderByItsValues() {
        assertThatThrownBy(() -> firstStart(settings(Map.of("crypto.provider", "openssl"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[auto, corretto, jdk]");
        assertThat(data.resolve("flexgate")).doesNotExist();
    }

    @Test
    void refusesAnAddressThatIsNotAnIpAddress() {
        assertThatThrownBy(() -> firstStart(settings(Map.of("address", "vpn.example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'vpn.example.com' is not an IP address");
    }

    @Test
    void strongSwanAndOpensslVerifyTheGeneratedServerCertificate() throws Exception {
        Tools.assumeOnPath("openssl");
        useShared();
        Path pki = data.resolve("flexgate/pki");
        TrustpointStore.exportPem(pki.resolve("server.crt"), activateGenerated().chain());

        String openssl = Tools.run(pki, pki.resolve("verify.txt"), "openssl", "verify", "-purpose", "sslserver",
                "-CAfile", "ca.crt", "server.crt");
        assertThat(openssl).isEmpty();
        assertThat(Files.readString(pki.resolve("verify.txt"))).isEqualTo("server.crt: OK\n");

        Tools.assumeOnPath("pki");
        Tools.run(pki, pki.resolve("pki-verify.txt"), "pki", "--verify", "--in", "server.crt", "--cacert", "ca.crt");
        assertThat(Files.readString(pki.resolve("pki-verify.txt"))).contains("certificate trusted");
    }

    @Test
    void renewsAGeneratedServerCertificateThatExpiresWithinThirtyDays() throws Exception {
        copyShared();
        X509Certificate old = activateGenerated().chain().get(0);
        X509Certificate ca = activateGenerated().material().topCa().orElseThrow();

        startAt(settings(Map.of()), CLOCK);
        assertThat(activateGenerated().chain().get(0)).as("not yet due").isEqualTo(old);

        Clock nearExpiry = Clock.fixed(old.getNotAfter().toInstant().minus(Duration.ofDays(29)), ZoneOffset.UTC);
        startAt(settings(Map.of()), nearExpiry);

        X509Certificate renewed = activateGenerated().chain().get(0);
        assertThat(renewed).isNotEqualTo(old);
        assertThat(configAdmin.configurations.get("io.flexgate.pki.trustpoint~IKEv2-TP"))
                .containsEntry("certificate.sha256", Certificates.fingerprint(renewed, "SHA-256"));
        assertThat(renewed.getPublicKey()).isNotEqualTo(old.getPublicKey());
        assertThat(Certificates.issued(ca, renewed)).isTrue();
        assertThat(renewed.getSubjectAlternativeNames()).containsExactlyElementsOf(old.getSubjectAlternativeNames());
        assertThat(renewed.getExtendedKeyUsage()).isEqualTo(old.getExtendedKeyUsage());
        assertThat(renewed.getNotAfter().toInstant()).isEqualTo(nearExpiry.instant().plus(Duration.ofDays(825))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("flexgate/pki/IKEv2-TP/IKEv2-TP.p12")))).isEqualTo("rw-------");
    }

    @Test
    void neverRenewsAnImportedCertificate() throws Exception {
        copyShared();
        TestPki.Issued imported = TestPki.endEntity("vpn.example.com", TestPki.root("Commercial CA"));
        new TrustpointStore(data, "flexgate/pki", new SecureRandom()).store("IKEv2-TP",
                imported.keys().getPrivate(), List.of(imported.cert()));

        startAt(settings(Map.of()), Clock.fixed(imported.cert().getNotAfter().toInstant().minus(Duration.ofDays(1)),
                ZoneOffset.UTC));

        assertThat(new TrustpointStore(data, "flexgate/pki", new SecureRandom()).load("IKEv2-TP").endEntity())
                .isEqualTo(imported.cert());
    }
}
