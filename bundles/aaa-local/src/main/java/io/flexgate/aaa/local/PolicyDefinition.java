package io.flexgate.aaa.local;

import io.flexgate.api.aaa.AuthorizationAttributes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A parsed authorization policy: its attributes without split routes, and the name of the access list
 * those routes come from (resolved when a session asks, so an ACL edited later applies to the next session).
 *
 * @param name         the policy name
 * @param attributes   pool, DNS, netmask, domain, banner, split DNS, backup gateways
 * @param routeSetAcl  the standard ACL of {@code route set access-list}, if any
 */
record PolicyDefinition(String name, AuthorizationAttributes attributes, Optional<String> routeSetAcl) {

    /** IOS {@code dns} takes a primary and a secondary server. */
    static final int MAX_DNS_SERVERS = 2;
    static final int MAX_SPLIT_DNS = 10;
    static final int MAX_BACKUP_GATEWAYS = 10;
    static final int MAX_BANNER_CHARS = 2048;
    static final int MAX_NAME_CHARS = 255;

    static PolicyDefinition parse(AuthorizationPolicyConfiguration c) {
        String name = c.name();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("authorization policy name is missing or too long");
        }
        try {
            List<String> dnsText = ConfigValues.words(c.dns());
            ConfigValues.checkAtMost("dns", dnsText, MAX_DNS_SERVERS);
            List<InetAddress> dns = dnsText.stream().map(ConfigValues::address).toList();
            Optional<InetAddress> netmask = optional(c.netmask()).map(ConfigValues::address);
            if (netmask.isPresent() && !(netmask.get() instanceof Inet4Address)) {
                throw new IllegalArgumentException("netmask must be an IPv4 mask");
            }
            List<String> splitDns = ConfigValues.words(c.split_dns());
            ConfigValues.checkAtMost("split-dns", splitDns, MAX_SPLIT_DNS);
            List<String> backups = ConfigValues.words(c.backup_gateways());
            ConfigValues.checkAtMost("backup-gateway", backups, MAX_BACKUP_GATEWAYS);
            if (c.banner().length() > MAX_BANNER_CHARS) {
                throw new IllegalArgumentException("banner longer than " + MAX_BANNER_CHARS + " characters");
            }
            AuthorizationAttributes attributes = new AuthorizationAttributes(optional(c.pool()), Optional.empty(),
                    netmask, dns, optional(c.def_domain()), optional(c.banner()), List.of(), splitDns, backups);
            return new PolicyDefinition(name, attributes, optional(c.route_set_acl()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("authorization policy " + name + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
