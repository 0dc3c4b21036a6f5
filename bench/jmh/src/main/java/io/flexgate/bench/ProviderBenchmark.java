package io.flexgate.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.ProviderChoice;
import io.flexgate.nativecrypto.CryptoProviderMode;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The responder's public-key work per IKE SA, before and after the native provider (issue 12):
 * RSA-2048 SHA256withRSA signing of 600 octets (the size of IKE_AUTH signed octets) on the JDK, on the Amazon
 * Corretto Crypto Provider with the key translated once (as the pki bundle does) and re-translated per
 * signature (what a naive call with a JDK key costs); one key exchange (generate + agree with a fixed peer
 * value) through {@link CryptoSuite} on pure Java and with the native provider chosen, for ECP-256 and
 * Curve25519; and the JDK's own X25519 (XDH) for comparison with Bouncy Castle's, which the suite uses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProviderBenchmark {

    private static final int SIGNED_OCTETS = 600;

    @State(Scope.Thread)
    public static class Rsa {
        /** jdk | corretto | corretto-untranslated */
        @Param({"jdk", "corretto", "corretto-untranslated"})
        public String provider;

        Provider p;
        PrivateKey key;
        final byte[] data = new byte[SIGNED_OCTETS];

        @Setup
        public void setUp() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            new SecureRandom().nextBytes(data);
            key = pair.getPrivate();
            if (!"jdk".equals(provider)) {
                p = AmazonCorrettoCryptoProvider.INSTANCE;
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                if ("corretto".equals(provider)) {
                    key = (PrivateKey) KeyFactory.getInstance("RSA", p).translateKey(key);
                }
            }
        }
    }

    @Benchmark
    public byte[] rsa2048Sign(Rsa s) throws Exception {
        Signature signature = s.p == null ? Signature.getInstance("SHA256withRSA")
                : Signature.getInstance("SHA256withRSA", s.p);
        signature.initSign(s.key);
        signature.update(s.data);
        return signature.sign();
    }

    @State(Scope.Thread)
    public static class Kx {
        /** pure-java: Bouncy Castle (ECP, X25519); native: ACCP once chosen (ECP; X25519 stays Bouncy Castle) */
        @Param({"pure-java", "native"})
        public String provider;

        @Param({"ECP_256", "CURVE25519"})
        public String group;

        KeyExchange kx;
        byte[] peer;
        final SecureRandom random = new SecureRandom();

        @Setup
        public void setUp() throws Exception {
            ProviderChoice choice = new ProviderChoice(CryptoProviderMode.AUTO);
            if ("native".equals(provider)) {
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                choice.useNative(AmazonCorrettoCryptoProvider.INSTANCE);
            } else {
                choice.useJava("benchmark");
            }
            DhGroup g = "ECP_256".equals(group) ? DhGroup.ECP_256 : DhGroup.CURVE25519;
            kx = CryptoSuite.defaults().withProviders(choice).keyExchange(g).orElseThrow();
            try (KeyExchange.Ephemeral other = kx.generate(random)) {
                peer = other.publicValue();
            }
        }
    }

    @Benchmark
    public byte[] keyExchange(Kx s) throws Exception {
        try (KeyExchange.Ephemeral e = s.kx.generate(s.random)) {
            e.publicValue();
            return e.agree(s.peer).bytes();
        }
    }

    @State(Scope.Thread)
    public static class JdkXdh {
        PublicKey peer;

        @Setup
        public void setUp() throws Exception {
            peer = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
        }
    }

    /** The JDK's X25519 (SunEC XDH), keygen + agree: what Curve25519 would cost without Bouncy Castle. */
    @Benchmark
    public byte[] x25519OnTheJdk(JdkXdh s) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(pair.getPrivate());
        agreement.doPhase(s.peer, true);
        return agreement.generateSecret();
    }
}
