package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.capture;
import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.pki.Trustpoint;
import io.flexgate.nativecrypto.CorrettoLoader;
import io.flexgate.nativecrypto.CryptoProviderMode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The native provider (Amazon Corretto Crypto Provider 2.5.0, linux-x86_64 jar on the test class path): it
 * loads, ECDH through it meets RFC 5903's vectors and agrees with Bouncy Castle, RSA signatures through it are
 * the JDK's bytes, and the suite switches from pure Java to native when the choice is made.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class NativeProviderTest {

    private static Provider accp;
    private static KeyPair rsa;
    private static KeyPair p256;

    @BeforeAll
    static void load() throws Exception {
        CorrettoLoader.Result result = CorrettoLoader.load();
        assertThat(result).as("ACCP loads on linux-x86_64").isInstanceOf(CorrettoLoader.Result.Loaded.class);
        accp = ((CorrettoLoader.Result.Loaded) result).provider();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = ec.generateKeyPair();
    }

    private static CryptoSuite nativeSuite() {
        ProviderChoice choice = new ProviderChoice(CryptoProviderMode.AUTO);
        choice.useNative(accp);
        return CryptoSuite.defaults().withProviders(choice);
    }

    @Test
    void suiteSwitchesFromPureJavaToNativeWhenTheChoiceIsMade() {
        ProviderChoice choice = new ProviderChoice(CryptoProviderMode.AUTO);
        CryptoSuite suite = CryptoSuite.defaults().withProviders(choice);
        assertThat(choice.decided()).isFalse();
        assertThat(suite.keyExchange(DhGroup.ECP_256).orElseThrow()).isInstanceOf(EcpKeyExchange.class);
        assertThat(suite.signatureProvider()).isNull();
        assertThat(choice.describe()).contains("not decided yet").contains("ECP_256 = Bouncy Castle");

        choice.useNative(accp);
        assertThat(choice.decided()).isTrue();
        assertThat(suite.signatureProvider()).isSameAs(accp);
        for (DhGroup g : List.of(DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.ECP_521)) {
            KeyExchange kx = suite.keyExchange(g).orElseThrow();
            assertThat(kx).isInstanceOf(JcaEcpKeyExchange.class);
            assertThat(((JcaEcpKeyExchange) kx).provider()).isSameAs(accp);
        }
        assertThat(suite.keyExchange(DhGroup.CURVE25519).orElseThrow()).isInstanceOf(X25519KeyExchange.class);
        assertThat(suite.keyExchange(DhGroup.MODP_2048).orElseThrow()).isInstanceOf(ModpKeyExchange.class);
        assertThat(choice.describe()).contains("RSA sign/verify = AmazonCorrettoCryptoProvider 2.5.0 (native)")
                .contains("ECP_256 = AmazonCorrettoCryptoProvider 2.5.0").contains("X25519 = Bouncy Castle")
                .contains("MODP DH = JDK BigInteger");
    }

    @Test
    void pureJavaChoiceSaysWhy() {
        ProviderChoice choice = new ProviderChoice(CryptoProviderMode.AUTO);
        choice.useJava("native library not loaded: test");
        assertThat(CryptoSuite.defaults().withProviders(choice).keyExchange(DhGroup.ECP_384).orElseThrow())
                .isInstanceOf(EcpKeyExchange.class);
        assertThat(choice.describe()).contains("RSA sign/verify = SunRsaSign")
                .contains("(no native provider: native library not loaded: test)");
        assertThat(CryptoSuite.defaults().providers().describe()).startsWith("mode jdk:");
    }

    private static void assertRfc5903(Rfc5903 v) throws Exception {
        JcaEcpKeyExchange kx = (JcaEcpKeyExchange) nativeSuite().keyExchange(v.group()).orElseThrow();
        try (KeyExchange.Ephemeral initiator = kx.ephemeral(new BigInteger(v.i(), 16), hex(v.gi()));
                KeyExchange.Ephemeral responder = kx.ephemeral(new BigInteger(v.r(), 16), hex(v.gr()))) {
            assertThat(initiator.publicValue()).isEqualTo(hex(v.gi()));
            assertThat(initiator.agree(hex(v.gr())).bytes()).isEqualTo(hex(v.shared()));
            assertThat(responder.agree(hex(v.gi())).bytes()).isEqualTo(hex(v.shared()));
        }
    }

    /** RFC 5903 section 8.1, 8.2 and 8.3 (groups 19, 20, 21; 21 pads to 66 octets), on the native provider. */
    @Test
    void rfc5903VectorsOnTheNativeProvider() throws Exception {
        assertRfc5903(Rfc5903.GROUP_19);
        assertRfc5903(Rfc5903.GROUP_20);
        assertRfc5903(Rfc5903.GROUP_21);
    }

    @Test
    void nativeAndBouncyCastleEphemeralsAgreeAndHostileValuesAreRefused() throws Exception {
        KeyExchange nativeKx = nativeSuite().keyExchange(DhGroup.ECP_256).orElseThrow();
        KeyExchange bcKx = CryptoSuite.defaults().keyExchange(DhGroup.ECP_256).orElseThrow();
        SecureRandom random = new SecureRandom();
        try (KeyExchange.Ephemeral ours = nativeKx.generate(random); KeyExchange.Ephemeral theirs = bcKx.generate(random)) {
            byte[] good = theirs.publicValue();
            assertThat(ours.publicValue()).hasSize(64);
            assertThat(ours.agree(good).bytes()).isEqualTo(theirs.agree(ours.publicValue()).bytes());
            byte[] offCurve = good.clone();
            offCurve[63] ^= 1;
            assertThatThrownBy(() -> ours.agree(offCurve)).isInstanceOf(KeyExchangeException.class)
                    .hasMessageContaining("not on the curve");
            byte[] outside = good.clone();
            Arrays.fill(outside, 0, 32, (byte) 0xff);
            assertThatThrownBy(() -> ours.agree(outside)).isInstanceOf(KeyExchangeException.class)
                    .hasMessageContaining("outside the field");
            assertThatThrownBy(() -> ours.agree(new byte[64])).isInstanceOf(KeyExchangeException.class);
            assertThatThrownBy(() -> ours.agree(Arrays.copyOf(good, 63))).isInstanceOf(KeyExchangeException.class)
                    .hasMessageContaining("63 octets");
            ours.close();
            assertThatThrownBy(() -> ours.agree(good)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void rsaMethod1SignsOnTheNativeProviderWithTheJdksBytes() throws Exception {
        KeyPairTrustpoint trustpoint = new KeyPairTrustpoint(rsa);
        byte[] octets = capture("octets_r");
        byte[] auth = new SignatureAuth(nativeSuite()).signRsa(trustpoint, "SHA-256", octets);
        assertThat(trustpoint.offered).containsExactly(accp);
        // PKCS#1 v1.5 is deterministic (RFC 8017 section 8.2): the same key and octets give the same bytes.
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(rsa.getPrivate());
        jdk.update(octets);
        assertThat(auth).isEqualTo(jdk.sign());
        assertThat(new SignatureAuth(CryptoSuite.defaults()).verifyRsa(rsa.getPublic(), auth, octets,
                List.of("SHA-256"))).isEqualTo(new SignatureAuth.Verification.Valid("SHA256withRSA"));
    }

    @Test
    void everySchemeVerifiesOnTheNativeSuiteAndACorruptedOneDoesNot() throws Exception {
        KeyPair p384 = generateEc("secp384r1");
        SignatureAuth signatures = new SignatureAuth(nativeSuite());
        byte[] octets = capture("octets_r");
        for (SignatureScheme scheme : SignatureScheme.values()) {
            KeyPair pair = "EC".equals(scheme.keyAlgorithm()) ? p384 : rsa;
            byte[] auth = signatures.signDigitalSignature(new KeyPairTrustpoint(pair), scheme, octets);
            assertThat(signatures.verifyDigitalSignature(pair.getPublic(), auth, octets, EnumSet.allOf(SignatureScheme.class)))
                    .as(scheme.name()).isEqualTo(new SignatureAuth.Verification.Valid(scheme.jcaAlgorithm()));
            byte[] bad = auth.clone();
            bad[bad.length - 5] ^= 1;
            assertThat(signatures.verifyDigitalSignature(pair.getPublic(), bad, octets, EnumSet.allOf(SignatureScheme.class)))
                    .as(scheme.name()).isInstanceOf(SignatureAuth.Verification.Invalid.class);
        }
        byte[] ecdsa = signatures.signEcdsa(new KeyPairTrustpoint(p256), AuthMethod.ECDSA_SHA256_P256, octets);
        assertThat(signatures.verifyEcdsa(p256.getPublic(), AuthMethod.ECDSA_SHA256_P256, ecdsa, octets))
                .isInstanceOf(SignatureAuth.Verification.Valid.class);
    }

    private static KeyPair generateEc(String curve) throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec(curve));
        return ec.generateKeyPair();
    }
}
