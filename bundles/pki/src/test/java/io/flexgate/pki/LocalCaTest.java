package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.nativecrypto.CorrettoLoader;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * First-start keys made by the native provider (Amazon Corretto Crypto Provider, on the test class path) leave
 * {@link LocalCa} as the JDK's own key objects, match their certificates, and sign as the JDK's keys do.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class LocalCaTest {

    @Test
    void nativeKeysAreHandedOnAsJdkKeysThatMatchTheirCertificates() throws Exception {
        CorrettoLoader.Result result = CorrettoLoader.load();
        assertThat(result).isInstanceOf(CorrettoLoader.Result.Loaded.class);
        Provider accp = ((CorrettoLoader.Result.Loaded) result).provider();

        LocalCa.Issued issued = new LocalCa(new SecureRandom(), Optional.of(accp)).generate("vpn.example.com",
                "192.0.2.1", CaKeyType.RSA, Duration.ofDays(825), TestPki.NOW);

        for (KeyPair keys : new KeyPair[] {issued.caKeys(), issued.serverKeys()}) {
            assertThat(keys.getPrivate()).isInstanceOf(RSAPrivateCrtKey.class);
            assertThat(keys.getPrivate().getClass().getName()).startsWith("sun.security.rsa.");
            assertThat(keys.getPublic().getClass().getName()).startsWith("sun.security.rsa.");
        }
        assertThat(((RSAPrivateCrtKey) issued.caKeys().getPrivate()).getModulus().bitLength())
                .isEqualTo(LocalCa.CA_RSA_BITS);
        assertThat(((RSAPrivateCrtKey) issued.serverKeys().getPrivate()).getModulus().bitLength())
                .isEqualTo(LocalCa.SERVER_RSA_BITS);
        assertThat(issued.caCert().getPublicKey()).isEqualTo(issued.caKeys().getPublic());
        assertThat(issued.serverCert().getPublicKey()).isEqualTo(issued.serverKeys().getPublic());
        issued.caCert().verify(issued.caKeys().getPublic());
        issued.serverCert().verify(issued.caKeys().getPublic());

        byte[] data = "IKE_AUTH octets".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(issued.serverKeys().getPrivate());
        sign.update(data);
        Signature verify = Signature.getInstance("SHA256withRSA", accp);
        verify.initVerify(issued.serverCert().getPublicKey());
        verify.update(data);
        assertThat(verify.verify(sign.sign())).isTrue();
    }
}
