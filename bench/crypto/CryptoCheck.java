import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.KeyAgreement;

/**
 * The control-plane primitives of one IKE SA, single-threaded, per provider: RSA-2048 PKCS#1 v1.5 SHA-256 sign
 * (the responder's AUTH), X25519 / P-256 / MODP-2048 key generation plus agreement (the responder's KE). Run by
 * bench/run-crypto.sh with the JDK, Bouncy Castle and Amazon Corretto Crypto Provider (ACCP) on the class path.
 * A measuring tool, not a test: each figure is the mean thread CPU time (and wall time) per operation over MEASURE_NANOS after WARMUP_NANOS of the
 * same work; on a shared machine the CPU time is the figure to compare.
 */
public final class CryptoCheck {

    static final long WARMUP_NANOS = 2_000_000_000L;
    static final long MEASURE_NANOS = 3_000_000_000L;
    static final byte[] MESSAGE = new byte[512];
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<Provider> providers = new ArrayList<>();
        providers.add(Security.getProvider("SunRsaSign"));
        Provider bc = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                .getConstructor().newInstance();
        providers.add(bc);
        try {
            Class<?> accpClass = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider accp = (Provider) accpClass.getField("INSTANCE").get(null);
            Method error = accpClass.getMethod("getLoadingError");
            Object loadingError = error.invoke(accp);
            System.out.printf("ACCP %s loaded: %s%n", accp.getVersionStr(),
                    loadingError == null ? "healthy (native library up)" : "NOT healthy: " + loadingError);
            accpClass.getMethod("assertHealthy").invoke(accp);
            providers.add(accp);
        } catch (ReflectiveOperationException e) {
            System.out.println("ACCP not usable here: " + e);
        }
        System.out.printf("%-30s %-8s %12s %12s%n", "operation", "provider", "CPU us/op", "wall us/op");
        for (Provider p : providers) {
            String name = shortName(p);
            rsaSign(p, name);
        }
        for (Provider p : providers) {
            String name = shortName(p);
            Provider keyAgreement = p.getName().equals("SunRsaSign") ? null : p;
            agree("X25519 keygen + agree", "XDH", "X25519", null, keyAgreement, name);
            agree("ECDH P-256 keygen + agree", "EC", "ECDH", new ECGenParameterSpec("secp256r1"), keyAgreement, name);
            agree("MODP-2048 keygen + agree", "DH", "DH", null, keyAgreement, name);
        }
    }

    static String shortName(Provider p) {
        return switch (p.getName()) {
            case "SunRsaSign" -> "JDK";
            case "AmazonCorrettoCryptoProvider" -> "ACCP";
            default -> p.getName();
        };
    }

    static void rsaSign(Provider p, String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Signature s;
        try {
            s = Signature.getInstance("SHA256withRSA", p);
        } catch (java.security.NoSuchAlgorithmException e) {
            System.out.printf("%-30s %-8s %12s%n", "RSA-2048 SHA256withRSA sign", name, "n/a");
            return;
        }
        s.initSign(kp.getPrivate());
        report("RSA-2048 SHA256withRSA sign", name, () -> {
            s.update(MESSAGE);
            s.sign();
        });
    }

    static void agree(String label, String keyAlg, String agreeAlg, ECGenParameterSpec spec, Provider p, String name)
            throws Exception {
        try {
            KeyPairGenerator g = p == null ? KeyPairGenerator.getInstance(keyAlg) : KeyPairGenerator.getInstance(keyAlg, p);
            if (spec != null) {
                g.initialize(spec);
            } else if (keyAlg.equals("DH")) {
                g.initialize(2048);
            } else {
                g.initialize(255);
            }
            KeyPair peer = g.generateKeyPair();
            KeyAgreement ka = p == null ? KeyAgreement.getInstance(agreeAlg) : KeyAgreement.getInstance(agreeAlg, p);
            report(label, name, () -> {
                KeyPair mine = g.generateKeyPair();
                ka.init(mine.getPrivate());
                ka.doPhase(peer.getPublic(), true);
                ka.generateSecret();
            });
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            System.out.printf("%-30s %-8s %12s%n", label, name, "n/a (" + e.getClass().getSimpleName() + ")");
        }
    }

    static void report(String label, String provider, Op op) throws Exception {
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            op.run();
        }
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long n = 0;
        while (System.nanoTime() - start < MEASURE_NANOS) {
            op.run();
            n++;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        System.out.printf("%-30s %-8s %12.1f %12.1f%n", label, provider, cpu / 1e3 / n, (System.nanoTime() - start) / 1e3 / n);
    }
}
