package io.flexgate.shell.crypto;

import io.flexgate.api.dataplane.ChildSaSpec;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Reads, through ConfigAdmin, the configuration objects a session's output needs besides the session: the
 * IKEv2 profile's virtual template and the IPsec profile's lifetime.
 */
final class TemplateLookup {

    static final String PROFILE_PID = "io.flexgate.ikev2.profile";
    static final String IPSEC_PROFILE_PID = "io.flexgate.ipsec.profile";
    static final String INTERFACE_PID = "io.flexgate.interface";

    private final ConfigurationAdmin configAdmin;

    TemplateLookup(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** {@code virtual-template N} of the IKEv2 profile {@code profile}, then that interface's lines. */
    Optional<SessionText.VirtualTemplate> virtualTemplate(String profile) throws IOException {
        Optional<Dictionary<String, Object>> p = find(PROFILE_PID, "name", profile);
        Optional<String> number = p.map(d -> d.get("virtual.template")).map(Object::toString).map(String::trim)
                .filter(v -> !v.isEmpty() && !v.equals("0"));
        if (number.isEmpty()) {
            return Optional.empty();
        }
        String name = "Virtual-Template" + number.get();
        return find(INTERFACE_PID, "name", name).map(d -> new SessionText.VirtualTemplate(name,
                text(d, "ip.unnumbered"), text(d, "ip.mtu").map(Integer::valueOf), text(d, "ip.nat"),
                text(d, "tunnel.protection.ipsec.profile")));
    }

    /** The lifetime of the IPsec profile that names {@code profile} ({@code set ikev2-profile}). */
    Optional<ChildSaSpec.Lifetime> childLifetime(String profile) throws IOException {
        return find(IPSEC_PROFILE_PID, "set.ikev2-profile", profile).map(d -> {
            long seconds = text(d, "lifetime.seconds").map(Long::parseLong).orElse(3600L);
            long kilobytes = text(d, "lifetime.kilobytes").map(Long::parseLong).orElse(4_608_000L);
            return new ChildSaSpec.Lifetime(0, seconds, 0, kilobytes);
        });
    }

    private Optional<Dictionary<String, Object>> find(String factoryPid, String key, String value) throws IOException {
        String filter = "(&(service.factoryPid=" + factoryPid + ")(" + key + "=" + escape(value) + "))";
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad name " + value, e);
        }
        return found == null || found.length == 0 ? Optional.empty() : Optional.ofNullable(found[0].getProperties());
    }

    private static Optional<String> text(Dictionary<String, Object> d, String key) {
        Object v = d.get(key);
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString().trim());
    }

    /** RFC 4515 escaping for a value inside an LDAP filter. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
