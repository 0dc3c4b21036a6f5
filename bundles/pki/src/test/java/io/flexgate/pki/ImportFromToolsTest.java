package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material made by the tools operators use: openssl (RSA and ECDSA keys; PKCS#12 with its default AES/PBKDF2 protection
 * and with the legacy 3DES protection IOS and older Windows export, encrypted PEM) and strongSwan's
 * {@code pki} (PEM keys and certificates; {@code pki} 5.9 cannot write PKCS#12, so its key and
 * certificate are bundled by openssl). Fixtures are made at runtime in a temporary directory.
 */
class ImportFromToolsTest {

    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Tools.run(dir, null, command);
    }

    /** openssl: a root CA (RSA 2048) and a server certificate for {@code keySpec} signed by it. */
    private void opensslCaAndServer(String... keySpec) throws Exception {
        Tools.assumeOnPath("openssl");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "30",
                "-subj", "/CN=OpenSSL Test CA", "-addext", "basicConstraints=critical,CA:true",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        String[] genkey = new String[keySpec.length + 3];
        genkey[0] = "genpkey";
        System.arraycopy(keySpec, 0, genkey, 1, keySpec.length);
        genkey[keySpec.length + 1] = "-out";
        genkey[keySpec.length + 2] = "server.key";
        openssl(genkey);
        openssl("req", "-new", "-key", "server.key", "-subj", "/CN=vpn.example.com", "-out", "server.csr");
        java.nio.file.Files.writeString(dir.resolve("ext.cnf"), "basicConstraints=CA:false\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,1.3.6.1.5.5.8.2.2\n"
                + "subjectAltName=DNS:vpn.example.com,IP:192.0.2.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "30", "-extfile", "ext.cnf", "-out", "server.crt");
    }

    /** {@code openssl pkcs12 -export} of server.key, server.crt and ca.crt, with extra options. */
    private void exportPkcs12(String out, String password, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("pkcs12", "-export", "-inkey", "server.key", "-in", "server.crt",
                "-certfile", "ca.crt", "-passout", "pass:" + password, "-out", out));
        args.addAll(List.of(options));
        openssl(args.toArray(new String[0]));
    }

    private ConfiguredTrustpoint pkcs12(String file, String password) throws Exception {
        return new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, Map.of("trustpoint.name", "IKEv2-TP",
                "base.dir", dir.toString(), "pkcs12.file", file, ".password", password)));
    }

    private static void assertSigns(ConfiguredTrustpoint trustpoint, String algorithm) throws Exception {
        byte[] data = "AUTH octets".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] signature = trustpoint.sign(algorithm, null, data);
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(trustpoint.chain().get(0).getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void importsOpensslPkcs12WithDefaultProtection() throws Exception {
        opensslCaAndServer("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        exportPkcs12("IKEv2-TP.p12", "cisco123");

        ConfiguredTrustpoint trustpoint = pkcs12("IKEv2-TP.p12", "cisco123");

        assertThat(trustpoint.keyAlgorithm()).isEqualTo("RSA");
        assertThat(trustpoint.keySize()).isEqualTo(2048);
        assertThat(trustpoint.chain()).extracting(Certificates::subject).containsExactly("CN=vpn.example.com");
        assertThat(trustpoint.material().topCa()).get().extracting(Certificates::subject)
                .isEqualTo("CN=OpenSSL Test CA");
        assertThat(trustpoint.trustedAuthorityHashes()).hasSize(1);
        assertSigns(trustpoint, "SHA256withRSA");
    }

    @Test
    void importsLegacyProtectedPkcs12AndTraditionalEncryptedPem() throws Exception {
        opensslCaAndServer("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        exportPkcs12("legacy.p12", "cisco123", "-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-3DES",
                "-macalg", "sha1");
        // "BEGIN RSA PRIVATE KEY" with "Proc-Type: 4,ENCRYPTED", as older openssl and many appliances write it
        openssl("pkey", "-in", "server.key", "-traditional", "-aes256", "-passout", "pass:legacy", "-out", "trad.key");

        ConfiguredTrustpoint trustpoint = pkcs12("legacy.p12", "cisco123");
        ConfiguredTrustpoint pem = new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, Map.of(
                "trustpoint.name", "TRAD", "base.dir", dir.toString(), "key.file", "trad.key",
                "cert.file", "server.crt", ".password", "legacy")));

        assertThat(trustpoint.keySize()).isEqualTo(2048);
        assertSigns(trustpoint, "SHA384withRSA");
        assertThat(java.nio.file.Files.readString(dir.resolve("trad.key"))).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(pem.chain()).isEqualTo(trustpoint.chain());
        assertSigns(pem, "SHA256withRSA");
    }

    @Test
    void importsOpensslEcdsaP384Pkcs12() throws Exception {
        opensslCaAndServer("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");
        exportPkcs12("ec.p12", "secret");

        ConfiguredTrustpoint trustpoint = pkcs12("ec.p12", "secret");

        assertThat(trustpoint.keyAlgorithm()).isEqualTo("EC");
        assertThat(trustpoint.keySize()).isEqualTo(384);
        assertSigns(trustpoint, "SHA384withECDSA");
    }

    @Test
    void refusesAWrongPkcs12Password() throws Exception {
        opensslCaAndServer("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        exportPkcs12("IKEv2-TP.p12", "cisco123");

        assertThatThrownBy(() -> pkcs12("IKEv2-TP.p12", "cisco124")).isInstanceOf(PkiFileException.class)
                .hasMessageEndingWith("IKEv2-TP.p12 is not a PKCS#12 file or the password is wrong")
                .hasMessageNotContaining("cisco12");
    }

    @Test
    void importsOpensslEncryptedPemKeyWithSeparateCertificateFiles() throws Exception {
        opensslCaAndServer("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        openssl("pkey", "-in", "server.key", "-aes256", "-passout", "pass:pem-pass", "-out", "server-enc.key");

        ConfiguredTrustpoint trustpoint = new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, Map.of(
                "trustpoint.name", "PEM-TP", "base.dir", dir.toString(), "key.file", "server-enc.key",
                "cert.file", "server.crt", "chain.files", new String[] {"ca.crt"}, ".password", "pem-pass")));

        assertThat(trustpoint.keySize()).isEqualTo(256);
        // RFC 4754 section 7: ECDSA-256 AUTH data is r || s, 32 octets each, not DER
        assertThat(trustpoint.sign("SHA256withECDSAinP1363Format", null, new byte[] {1, 2, 3})).hasSize(64);
        assertThat(trustpoint.material().chains().defaultPath()).extracting(Certificates::subject)
                .containsExactly("CN=vpn.example.com", "CN=OpenSSL Test CA");
        assertSigns(trustpoint, "SHA256withECDSA");
    }

    @Test
    void importsStrongSwanPkiKeysAndCertificates() throws Exception {
        Tools.assumeOnPath("pki");
        Tools.run(dir, dir.resolve("ca.key"), "pki", "--gen", "--type", "rsa", "--size", "2048", "--outform", "pem");
        Tools.run(dir, dir.resolve("ca.crt"), "pki", "--self", "--ca", "--in", "ca.key", "--dn", "CN=strongSwan CA",
                "--outform", "pem");
        Tools.run(dir, dir.resolve("server.key"), "pki", "--gen", "--type", "ecdsa", "--size", "256", "--outform", "pem");
        Tools.run(dir, dir.resolve("server.pub"), "pki", "--pub", "--in", "server.key", "--outform", "pem");
        Tools.run(dir, dir.resolve("server.crt"), "pki", "--issue", "--in", "server.pub", "--type", "pub",
                "--cacert", "ca.crt", "--cakey", "ca.key", "--dn", "CN=vpn.example.com", "--san", "vpn.example.com",
                "--flag", "serverAuth", "--flag", "ikeIntermediate", "--outform", "pem");

        ConfiguredTrustpoint pem = new ConfiguredTrustpoint(ConfigProxy.of(TrustpointConfig.class, Map.of(
                "trustpoint.name", "SW-TP", "base.dir", dir.toString(), "key.file", "server.key",
                "cert.file", "server.crt", "trusted.ca.files", new String[] {"ca.crt"})));
        assertThat(pem.keyAlgorithm()).isEqualTo("EC");
        assertThat(pem.chain()).extracting(Certificates::subject).containsExactly("CN=vpn.example.com");
        assertSigns(pem, "SHA256withECDSA");

        Tools.assumeOnPath("openssl");
        exportPkcs12("sw.p12", "sw");
        ConfiguredTrustpoint p12 = pkcs12("sw.p12", "sw");
        assertThat(p12.chain()).isEqualTo(pem.chain());
        assertThat(p12.trustedAuthorityHashes()).containsExactlyElementsOf(pem.trustedAuthorityHashes());
    }
}
