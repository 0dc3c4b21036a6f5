package io.flexgate.nativecrypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;

/**
 * Loads the Amazon Corretto Crypto Provider (AWS-LC through JNI), which is an optional dependency: its classes
 * may be absent (a {@link LinkageError} here), its native library may not load on this platform
 * ({@code getLoadingError()}), or its self-tests may fail ({@code assertHealthy()}). Loading extracts and maps
 * the native library and runs the self-tests: 0.2 to 2 s of CPU on the reference machine. That happens once
 * per container: the first {@link #load()} does it and every later one returns the same result, whichever
 * bundle asks (the IKEv2 engine in the background at start, the PKI bundle before it generates first-start
 * keys). Never installs the provider in {@link java.security.Security}: FlexGate passes it explicitly, so
 * that no other bundle's cryptography changes.
 */
public final class CorrettoLoader {

    /** The JCA services FlexGate takes from the provider; it is refused when one is missing. */
    static final String[][] REQUIRED_SERVICES = {
        {"Signature", "SHA256withRSA"}, {"KeyAgreement", "ECDH"}, {"KeyPairGenerator", "EC"}, {"KeyFactory", "EC"},
        {"KeyFactory", "RSA"}, {"KeyPairGenerator", "RSA"},
    };

    private static volatile Result loaded;

    private CorrettoLoader() {
    }

    /** The outcome of loading. */
    public sealed interface Result {

        /** Loaded, healthy, and offering {@link #REQUIRED_SERVICES}. */
        record Loaded(Provider provider) implements Result {
        }

        /** @param reason one sentence: not installed, native library not loaded, self-test failed */
        record Unavailable(String reason) implements Result {
        }
    }

    /** Loads the provider, or returns the outcome of the first load; never throws. */
    public static Result load() {
        Result r = loaded;
        if (r == null) {
            synchronized (CorrettoLoader.class) {
                r = loaded;
                if (r == null) {
                    r = loadOnce();
                    loaded = r;
                }
            }
        }
        return r;
    }

    private static Result loadOnce() {
        try {
            return Holder.load();
        } catch (LinkageError e) {
            return new Result.Unavailable("Amazon Corretto Crypto Provider classes not available (" + e + ")");
        }
    }

    /** Checks that a loaded provider offers what FlexGate uses. */
    public static Result check(Provider provider) {
        for (String[] s : REQUIRED_SERVICES) {
            if (provider.getService(s[0], s[1]) == null) {
                return new Result.Unavailable(provider.getName() + " offers no " + s[0] + " " + s[1]);
            }
        }
        return new Result.Loaded(provider);
    }

    /** Touches the provider's classes only when called, so that a missing jar is a LinkageError in load(). */
    private static final class Holder {
        static Result load() {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                return new Result.Unavailable("Amazon Corretto Crypto Provider native library not loaded: " + error);
            }
            try {
                accp.assertHealthy();
            } catch (RuntimeException e) {
                return new Result.Unavailable("Amazon Corretto Crypto Provider self-tests failed: " + e.getMessage());
            }
            return check(accp);
        }
    }
}
