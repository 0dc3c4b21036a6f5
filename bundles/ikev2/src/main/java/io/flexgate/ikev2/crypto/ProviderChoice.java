package io.flexgate.ikev2.crypto;

import io.flexgate.nativecrypto.CryptoProviderMode;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider serves RSA signatures and ECDH, decided once and possibly late: a {@link CryptoSuite} starts
 * on the pure-Java implementations and switches to a native provider when {@link #useNative} publishes one
 * (the engine loads it on a background thread, so that loading it never delays serving IKE). Thread-safe:
 * the choice is one volatile immutable state.
 */
public final class ProviderChoice {

    private static final List<DhGroup> ECP_GROUPS = List.of(DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.ECP_521);

    private sealed interface State {
    }

    private record Undecided() implements State {
    }

    private record Java(String reason) implements State {
    }

    private record Native(Provider provider, Map<DhGroup, KeyExchange> ecp) implements State {
    }

    private final CryptoProviderMode mode;
    private volatile State state = new Undecided();

    public ProviderChoice(CryptoProviderMode mode) {
        this.mode = mode;
    }

    public CryptoProviderMode mode() {
        return mode;
    }

    /**
     * Serves RSA signatures from {@code provider} and each ECP group it computes; groups it lacks stay on
     * Bouncy Castle.
     */
    public void useNative(Provider provider) {
        Map<DhGroup, KeyExchange> ecp = new LinkedHashMap<>();
        for (DhGroup g : ECP_GROUPS) {
            KeyExchange kx = JcaEcpKeyExchange.of(g, provider);
            if (kx != null) {
                ecp.put(g, kx);
            }
        }
        state = new Native(provider, Map.copyOf(ecp));
    }

    /** Stays on the pure-Java implementations, for {@code reason}. */
    public void useJava(String reason) {
        state = new Java(reason);
    }

    /** True once {@link #useNative} or {@link #useJava} has decided. */
    public boolean decided() {
        return !(state instanceof Undecided);
    }

    /** The native provider, once one is in use. */
    public Optional<Provider> nativeProvider() {
        return state instanceof Native n ? Optional.of(n.provider()) : Optional.empty();
    }

    /** The native implementation of an ECP group, when one is in use. */
    Optional<KeyExchange> ecp(DhGroup group) {
        return state instanceof Native n ? Optional.ofNullable(n.ecp().get(group)) : Optional.empty();
    }

    /**
     * One line for the log: the provider of RSA sign/verify, of ECDH per ECP group, of X25519 and of MODP DH,
     * and why no native provider is used when none is.
     */
    public String describe() {
        State s = state;
        StringBuilder b = new StringBuilder("mode ").append(mode.value()).append(": RSA sign/verify = ");
        if (s instanceof Native n) {
            b.append(label(n.provider())).append(" (native)");
        } else {
            b.append(defaultSignatureProvider());
        }
        b.append(", ECDH");
        for (DhGroup g : ECP_GROUPS) {
            b.append(' ').append(g.name()).append(" = ")
                    .append(s instanceof Native n && n.ecp().containsKey(g) ? label(n.provider()) : "Bouncy Castle");
        }
        b.append(", X25519 = Bouncy Castle, MODP DH = JDK BigInteger");
        if (s instanceof Java j) {
            b.append(" (no native provider: ").append(j.reason()).append(')');
        } else if (s instanceof Undecided) {
            b.append(" (native provider not decided yet)");
        }
        return b.toString();
    }

    private static String label(Provider p) {
        return p.getName() + " " + p.getVersionStr();
    }

    private static String defaultSignatureProvider() {
        try {
            return Signature.getInstance("SHA256withRSA").getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "none";
        }
    }
}
