package io.flexgate.ios.config;

import java.util.Set;

/**
 * The configuration objects of DESIGN section 3: factory PID, the attribute holding the IOS name, the
 * attributes an IOS text is authoritative for (absent from the text means removed, so the default applies),
 * which of them hold lists and which hold secrets.
 */
enum ObjectKind {
    AAA_LIST("io.flexgate.aaa.list", "aaa.list.name", Set.of("aaa.list.kind", "methods"), Set.of()),
    /**
     * {@code aaa group server radius NAME} (aaa-radius). Its other attributes (NAS-Identifier, source address,
     * authorization password) have no IOS line here and are kept.
     */
    RADIUS_GROUP("io.flexgate.aaa.radius.group", "name", Set.of("servers"), Set.of("servers")),
    /**
     * {@code radius server NAME} (aaa-radius). The shared secret {@code .key} is not owned: running-config
     * cannot print it, so a text without a {@code key} line leaves the configured secret in place.
     */
    RADIUS_SERVER("io.flexgate.aaa.radius.server", "name",
            Set.of("address", "auth.port", "acct.port", "timeout", "retransmit", "deadtime"), Set.of()),
    TRUSTPOINT("io.flexgate.pki.trustpoint", "trustpoint.name", Set.of("revocation.check"), Set.of()),
    POOL("io.flexgate.pool", "pool.name", Set.of("ranges"), Set.of("ranges")),
    AUTHORIZATION_POLICY("io.flexgate.ikev2.authorization", "name",
            Set.of("pool", "dns", "netmask", "def.domain", "split.dns", "route.set.acl", "backup.gateways"),
            Set.of("dns", "split.dns", "backup.gateways")),
    PROPOSAL("io.flexgate.ikev2.proposal", "name", Set.of("encryption", "integrity", "prf", "group"),
            Set.of("encryption", "integrity", "prf", "group")),
    ANYCONNECT_PROFILE("io.flexgate.anyconnect.profile", "name", Set.of("file"), Set.of()),
    IKEV2_PROFILE("io.flexgate.ikev2.profile", "name",
            Set.of("match.identity.remote", "authentication.local", "authentication.remote", "pki.trustpoint",
                    "aaa.authentication.list", "aaa.authorization.group.list", "aaa.authorization.group.policy",
                    "aaa.authorization.user.cached", "aaa.accounting.list", "virtual.template", "anyconnect.profile",
                    "dpd", "lifetime"),
            Set.of("match.identity.remote")),
    TRANSFORM_SET("io.flexgate.ipsec.transformset", "name", Set.of("transforms", "mode"), Set.of()),
    IPSEC_PROFILE("io.flexgate.ipsec.profile", "name",
            Set.of("set.transform-set", "set.ikev2-profile", "lifetime.seconds", "lifetime.kilobytes"),
            Set.of("set.transform-set")),
    INTERFACE("io.flexgate.interface", "name",
            Set.of("ip.address", "ip.unnumbered", "ip.mtu", "ip.nat", "tunnel.protection.ipsec.profile"), Set.of()),
    ACCESS_LIST("io.flexgate.acl", "name", Set.of("entries"), Set.of("entries")),
    NAT("io.flexgate.nat", "nat.name", Set.of("sources", "outside.interface"), Set.of("sources"));

    /** The RADIUS shared secret's attribute, as aaa-radius reads it (the dot keeps it out of service properties). */
    static final String RADIUS_KEY = ".key";

    /** Attributes that hold secrets: never printed, shown masked in a report. */
    static final Set<String> SECRETS = Set.of(".password", RADIUS_KEY);

    final String factoryPid;
    final String nameKey;
    final Set<String> owned;
    final Set<String> lists;

    ObjectKind(String factoryPid, String nameKey, Set<String> owned, Set<String> lists) {
        this.factoryPid = factoryPid;
        this.nameKey = nameKey;
        this.owned = owned;
        this.lists = lists;
    }

    static java.util.Optional<ObjectKind> ofFactoryPid(String factoryPid) {
        for (ObjectKind k : values()) {
            if (k.factoryPid.equals(factoryPid)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
