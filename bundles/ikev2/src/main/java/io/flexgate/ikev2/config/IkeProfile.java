package io.flexgate.ikev2.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code crypto ikev2 profile NAME}, checked: every statement parsed, names kept for lookups at session
 * time (lists, trustpoint, policy and AnyConnect profile live in other bundles and may come and go).
 *
 * @param name                 the profile's name
 * @param matches              {@code match identity remote} statements
 * @param remoteAuthentication how the peer authenticates
 * @param eapMethods           methods for {@link RemoteAuthentication#EAP}, in order of preference
 * @param queryIdentity        {@code eap query-identity}: ask the EAP identity first
 * @param trustpoint           {@code pki trustpoint}
 * @param authenticationList   {@code aaa authentication ... LIST}
 * @param authorizationList    {@code aaa authorization group ... list LIST}
 * @param authorizationPolicy  the policy named with it
 * @param userCached           {@code aaa authorization user ... cached}
 * @param virtualTemplate      {@code virtual-template N}
 * @param anyConnectProfile    {@code anyconnect profile NAME}
 * @param dpd                  {@code dpd ...}
 * @param lifetime             {@code lifetime}
 */
public record IkeProfile(String name, List<IdentityMatch> matches, RemoteAuthentication remoteAuthentication,
        List<String> eapMethods, boolean queryIdentity, String trustpoint, String authenticationList,
        Optional<String> authorizationList, Optional<String> authorizationPolicy, boolean userCached,
        int virtualTemplate, Optional<String> anyConnectProfile, Optional<Dpd> dpd, Duration lifetime) {

    /** IOS {@code lifetime <120-86400>} seconds of the IKE SA. */
    public static final long MIN_LIFETIME_SECONDS = 120;
    public static final long MAX_LIFETIME_SECONDS = 86_400;

    public IkeProfile {
        matches = List.copyOf(matches);
        eapMethods = List.copyOf(eapMethods);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("crypto ikev2 profile " + name + ": no match identity remote statement");
        }
    }

    /** {@code authentication remote ...}. */
    public enum RemoteAuthentication {
        /** {@code anyconnect-eap aggregate}: Cisco aggregate authentication. */
        ANYCONNECT_EAP,
        /** {@code eap [query-identity]}: standard EAP methods. */
        EAP,
        /** {@code rsa-sig}: a client certificate. */
        RSA_SIG
    }

    /**
     * {@code dpd INTERVAL RETRY on-demand|periodic}.
     *
     * @param interval seconds between checks (on-demand: idle time before a check)
     * @param retry    seconds between retransmissions
     * @param periodic periodic rather than on-demand
     */
    public record Dpd(Duration interval, Duration retry, boolean periodic) {
        static Dpd parse(String profile, String text) {
            String[] w = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
            try {
                if (w.length == 3 && (w[2].equals("on-demand") || w[2].equals("periodic"))) {
                    int interval = Integer.parseInt(w[0]);
                    int retry = Integer.parseInt(w[1]);
                    if (interval >= 10 && interval <= 3600 && retry >= 2 && retry <= 60) {
                        return new Dpd(Duration.ofSeconds(interval), Duration.ofSeconds(retry), w[2].equals("periodic"));
                    }
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("crypto ikev2 profile " + profile + ": dpd '" + text
                    + "' (expected INTERVAL 10-3600 RETRY 2-60 on-demand|periodic)");
        }
    }

    /**
     * Checks a configuration.
     *
     * @throws IllegalArgumentException naming the profile and the statement at fault
     */
    public static IkeProfile from(ProfileConfig c) {
        String name = c.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("crypto ikev2 profile: the configuration has no name");
        }
        List<IdentityMatch> matches = Arrays.stream(c.match_identity_remote() == null ? new String[0]
                : c.match_identity_remote()).map(IdentityMatch::parse).toList();
        if (!"rsa-sig".equalsIgnoreCase(c.authentication_local().trim())) {
            throw new IllegalArgumentException("crypto ikev2 profile " + name + ": authentication local "
                    + c.authentication_local() + " (only rsa-sig is supported)");
        }
        String remote = c.authentication_remote() == null ? "" : c.authentication_remote().trim().toLowerCase(Locale.ROOT);
        RemoteAuthentication auth;
        boolean queryIdentity = false;
        if (remote.equals("anyconnect-eap aggregate")) {
            auth = RemoteAuthentication.ANYCONNECT_EAP;
        } else if (remote.equals("eap") || remote.equals("eap query-identity")) {
            auth = RemoteAuthentication.EAP;
            queryIdentity = remote.endsWith("query-identity");
        } else if (remote.equals("rsa-sig")) {
            auth = RemoteAuthentication.RSA_SIG;
        } else {
            throw new IllegalArgumentException("crypto ikev2 profile " + name + ": authentication remote '"
                    + c.authentication_remote() + "' (expected anyconnect-eap aggregate | eap [query-identity] | rsa-sig)");
        }
        if (c.lifetime() < MIN_LIFETIME_SECONDS || c.lifetime() > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("crypto ikev2 profile " + name + ": lifetime " + c.lifetime()
                    + " (expected " + MIN_LIFETIME_SECONDS + " to " + MAX_LIFETIME_SECONDS + " seconds)");
        }
        if (blank(c.pki_trustpoint())) {
            throw new IllegalArgumentException("crypto ikev2 profile " + name + ": no pki trustpoint (rsa-sig needs one)");
        }
        if (auth != RemoteAuthentication.RSA_SIG && blank(c.aaa_authentication_list())) {
            throw new IllegalArgumentException("crypto ikev2 profile " + name
                    + ": EAP authentication needs an aaa authentication list");
        }
        return new IkeProfile(name, matches, auth,
                Arrays.stream(c.eap_methods()).flatMap(m -> Arrays.stream(m.split(",")))
                        .map(m -> m.trim().toLowerCase(Locale.ROOT)).filter(m -> !m.isEmpty()).toList(), queryIdentity,
                c.pki_trustpoint().trim(), blank(c.aaa_authentication_list()) ? "" : c.aaa_authentication_list().trim(),
                optional(c.aaa_authorization_group_list()), optional(c.aaa_authorization_group_policy()),
                c.aaa_authorization_user_cached(), c.virtual_template(), optional(c.anyconnect_profile()),
                blank(c.dpd()) ? Optional.empty() : Optional.of(Dpd.parse(name, c.dpd())),
                Duration.ofSeconds(c.lifetime()));
    }

    /** The most specific of this profile's statements that matches, or -1. */
    public int matchSpecificity(int idType, String identity) {
        return matches.stream().filter(m -> m.matches(idType, identity)).mapToInt(IdentityMatch::specificity).max()
                .orElse(-1);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Optional<String> optional(String s) {
        return blank(s) ? Optional.empty() : Optional.of(s.trim());
    }
}
