package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.config.ConfigFiles;
import io.flexgate.api.pki.CertificateSummary;
import io.flexgate.api.pki.PkiException;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pki.TrustpointInfo;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crypto:pki-import}, {@code crypto:pki-trustpoints} and {@code crypto:pki-export-ca} behind the shell. */
class TrustpointAdminServiceTest {

    private static final TestPki.Issued ROOT = TestPki.root("Import Root CA");
    private static final TestPki.Issued SERVER = TestPki.endEntity("vpn.example.com", ROOT,
            org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth);
    private static final String PID = "io.flexgate.pki.trustpoint~IKEv2-TP";

    @TempDir
    Path data;

    private final MemoryConfigurationAdmin configAdmin = new MemoryConfigurationAdmin();

    private TrustpointAdminService admin() {
        return new TrustpointAdminService(new TrustpointConfigurations(configAdmin.admin()),
                new TrustpointStore(data, "flexgate/pki", new SecureRandom()));
    }

    private Path pkcs12(String file, KeyPair keys, char[] password, X509Certificate... chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), password, chain);
        Path path = data.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password);
        }
        return path;
    }

    private ConfiguredTrustpoint activate(String pid) throws Exception {
        Map<String, Object> properties = new HashMap<>(configAdmin.configurations.get(pid));
        properties.put("base.dir", data.toString());
        return new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, properties));
    }

    @Test
    void importStoresOwnerOnlyUnderAGeneratedPasswordAndWritesTheConfiguration() throws Exception {
        Path p12 = pkcs12("IKEv2-TP.p12", SERVER.keys(), "cisco123".toCharArray(), SERVER.cert(), ROOT.cert());

        TrustpointInfo.Active info = admin().importFile("IKEv2-TP", p12, "cisco123".toCharArray());

        assertThat(info.name()).isEqualTo("IKEv2-TP");
        assertThat(info.chain()).extracting(CertificateSummary::subject).containsExactly("CN=vpn.example.com");
        assertThat(info.trustedCas()).extracting(CertificateSummary::subject).containsExactly("CN=Import Root CA");
        Hashtable<String, Object> written = configAdmin.configurations.get(PID);
        assertThat(written).containsEntry("trustpoint.name", "IKEv2-TP")
                .containsEntry("pkcs12.file", "flexgate/pki/IKEv2-TP/IKEv2-TP.p12")
                .containsEntry("password.file", "flexgate/pki/IKEv2-TP/IKEv2-TP.pass").doesNotContainKey(".password");
        assertThat(Files.readString(data.resolve("flexgate/pki/IKEv2-TP/IKEv2-TP.pass"))).doesNotContain("cisco123");
        for (String file : List.of("IKEv2-TP.p12", "IKEv2-TP.pass")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    data.resolve("flexgate/pki/IKEv2-TP").resolve(file)))).isEqualTo("rw-------");
        }
        ConfiguredTrustpoint activated = activate(PID);
        assertThat(activated.chain()).containsExactly(SERVER.cert());
        assertThat(activated.material().topCa()).contains(ROOT.cert());
    }

    @Test
    void theTrustpointIsInItsEtcFileBeforeConfigAdminHoldsIt(@TempDir Path etc) throws Exception {
        Path p12 = pkcs12("IKEv2-TP.p12", SERVER.keys(), "pw".toCharArray(), SERVER.cert(), ROOT.cert());
        TrustpointAdminService withFiles = new TrustpointAdminService(
                new TrustpointConfigurations(configAdmin.admin(), java.util.Optional.of(etc)),
                new TrustpointStore(data, "flexgate/pki", new SecureRandom()));

        withFiles.importFile("IKEv2-TP", p12, "pw".toCharArray());

        Path file = etc.resolve("io.flexgate.pki.trustpoint-IKEv2-TP.cfg");
        assertThat(Files.readString(file)).contains("pkcs12.file").contains("flexgate/pki/IKEv2-TP/IKEv2-TP.p12")
                .contains("IKEv2-TP").doesNotContain("pw\"");
        assertThat(configAdmin.configurations.get(PID))
                .containsEntry(ConfigFiles.FILENAME_PROPERTY, ConfigFiles.recordedValue(file));

        // A file of the operator's (Karaf's config:property-set names it after the PID) is the one rewritten,
        // and what the import does not own stays in it.
        Path operators = etc.resolve(PID + ".cfg");
        Files.writeString(operators, "trustpoint.name = IKEv2-TP\ntrusted.ca.files = /etc/clients.pem\n");
        configAdmin.configurations.get(PID).put(ConfigFiles.FILENAME_PROPERTY, ConfigFiles.recordedValue(operators));
        configAdmin.configurations.get(PID).put("trusted.ca.files", "/etc/clients.pem");

        withFiles.importFile("IKEv2-TP", p12, "pw".toCharArray());

        assertThat(Files.readString(operators)).contains("trusted.ca.files").contains("pkcs12.file");
    }

    @Test
    void refusesKeyMaterialReplacedBehindTheConfiguration() throws Exception {
        Path p12 = pkcs12("IKEv2-TP.p12", SERVER.keys(), "pw".toCharArray(), SERVER.cert(), ROOT.cert());
        admin().importFile("IKEv2-TP", p12, "pw".toCharArray());
        assertThat(configAdmin.configurations.get(PID))
                .containsEntry("certificate.sha256", Certificates.fingerprint(SERVER.cert(), "SHA-256"));
        TestPki.Issued other = TestPki.endEntity("other.example.com", ROOT);
        new TrustpointStore(data, "flexgate/pki", new SecureRandom()).store("IKEv2-TP", other.keys().getPrivate(),
                List.of(other.cert(), ROOT.cert()));

        assertThatThrownBy(() -> activate(PID)).isInstanceOf(PkiFileException.class)
                .hasMessageContaining("'CN=other.example.com' has SHA-256 ")
                .hasMessageEndingWith("the key material was replaced behind the configuration's back");
    }

    @Test
    void reimportReplacesTheKeySourceAndKeepsPeerSettings() throws Exception {
        configAdmin.configurations.put(PID, new Hashtable<>(Map.of("service.factoryPid", "io.flexgate.pki.trustpoint",
                "trustpoint.name", "IKEv2-TP", "key.file", "old.key", "cert.file", "old.crt",
                "revocation.check", "crl", "crl.file", "ca.crl")));
        Path p12 = pkcs12("new.p12", SERVER.keys(), "x".toCharArray(), SERVER.cert(), ROOT.cert());

        admin().importFile("IKEv2-TP", p12, "x".toCharArray());

        assertThat(configAdmin.configurations.get(PID)).containsEntry("revocation.check", "crl")
                .containsEntry("crl.file", "ca.crl").containsKey("pkcs12.file")
                .doesNotContainKeys("key.file", "cert.file");
    }

    @Test
    void importRefusesASelfSignedCertificateAndWritesNothing() throws Exception {
        KeyPair keys = TestPki.rsa(2048);
        X509Certificate self = TestPki.build("self", keys, "self", keys, TestPki.NOW, TestPki.NOW.plusSeconds(3600),
                false, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, null);
        Path p12 = pkcs12("self.p12", keys, "pw".toCharArray(), self);

        assertThatThrownBy(() -> admin().importFile("IKEv2-TP", p12, "pw".toCharArray()))
                .isInstanceOf(PkiException.class).hasMessageContaining("'CN=self' is self-signed");
        assertThat(configAdmin.configurations).isEmpty();
        assertThat(data.resolve("flexgate")).doesNotExist();
    }

    @Test
    void importRefusesAWrongPasswordWithoutEchoingIt() throws Exception {
        Path p12 = pkcs12("IKEv2-TP.p12", SERVER.keys(), "cisco123".toCharArray(), SERVER.cert(), ROOT.cert());

        assertThatThrownBy(() -> admin().importFile("IKEv2-TP", p12, "guess-1".toCharArray()))
                .isInstanceOf(PkiException.class).hasMessageContaining("the password is wrong")
                .hasMessageNotContaining("guess-1");
        assertThatThrownBy(() -> admin().importFile("../etc", p12, "cisco123".toCharArray()))
                .hasMessageStartingWith("'../etc' cannot be a trustpoint name");
    }

    @Test
    void listsActiveAndInactiveTrustpointsAndExportsTheCa() throws Exception {
        Path p12 = pkcs12("IKEv2-TP.p12", SERVER.keys(), "pw".toCharArray(), SERVER.cert(), ROOT.cert());
        TrustpointAdminService admin = admin();
        admin.importFile("IKEv2-TP", p12, "pw".toCharArray());
        configAdmin.configurations.put("io.flexgate.pki.trustpoint~BROKEN", new Hashtable<>(Map.of(
                "service.factoryPid", "io.flexgate.pki.trustpoint", "trustpoint.name", "BROKEN")));
        admin.bindTrustpoint(activate(PID), Map.of(Trustpoint.PROP_NAME, "IKEv2-TP"));

        List<TrustpointInfo> listed = admin.trustpoints();

        assertThat(listed).extracting(TrustpointInfo::name).containsExactly("BROKEN", "IKEv2-TP");
        assertThat(listed.get(0)).isInstanceOf(TrustpointInfo.Inactive.class);
        TrustpointInfo.Active active = (TrustpointInfo.Active) listed.get(1);
        assertThat(active.keyAlgorithm()).isEqualTo("RSA");
        assertThat(active.chain().get(0).sha1Fingerprint()).isEqualTo(Certificates.fingerprint(SERVER.cert(), "SHA-1"))
                .matches("([0-9A-F]{2}:){19}[0-9A-F]{2}");
        assertThat(active.chain().get(0).sha256Fingerprint()).hasSize(32 * 3 - 1);

        CertificateSummary exported = admin.exportCa("IKEv2-TP", data.resolve("out/ca.crt"));
        assertThat(exported.subject()).isEqualTo("CN=Import Root CA");
        assertThat(KeyMaterialReader.readCertificates(data.resolve("out/ca.crt"))).containsExactly(ROOT.cert());
        assertThatThrownBy(() -> admin.exportCa("BROKEN", data.resolve("x.crt")))
                .hasMessage("Trustpoint BROKEN is not active");
    }
}
