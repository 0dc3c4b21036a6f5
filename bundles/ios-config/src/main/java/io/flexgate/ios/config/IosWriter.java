package io.flexgate.ios.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints configuration objects as IOS text, in the order of the seed's steps, such that {@link IosParser}
 * reads it back to the same objects. Three things are never printed and are left as comments: local users'
 * passwords (the database holds only hashes), a trustpoint's PKCS#12 password and RADIUS servers' keys.
 */
final class IosWriter {

    private final List<ConfigObject> objects;
    private final List<String> out = new ArrayList<>();

    private IosWriter(List<ConfigObject> objects) {
        this.objects = objects.stream().sorted(Comparator.comparing((ConfigObject o) -> o.name)).toList();
    }

    /**
     * @param users the local users' names, printed as comments
     */
    static String write(List<ConfigObject> objects, List<String> users) {
        IosWriter w = new IosWriter(objects);
        w.line("aaa new-model");
        w.line("!");
        w.each(ObjectKind.RADIUS_GROUP, o -> {
            w.line("aaa group server radius " + o.name);
            o.list("servers").forEach(s -> w.line(" server name " + s));
            w.line("!");
        });
        w.each(ObjectKind.AAA_LIST, o -> w.line(switch (o.text("aaa.list.kind")) {
            case "authentication" -> "aaa authentication login " + o.name + " " + o.text("methods");
            case "authorization" -> "aaa authorization network " + o.name + " " + o.text("methods");
            default -> "aaa accounting network " + o.name + " start-stop " + o.text("methods");
        }));
        w.line("!");
        users.forEach(u -> w.line("! username " + u + " (local user database, hashed: aaa:user-list)"));
        w.each(ObjectKind.RADIUS_SERVER, o -> {
            w.line("radius server " + o.name);
            if (o.has("address")) {
                w.line(" address " + (o.text("address").contains(":") ? "ipv6 " : "ipv4 ") + o.text("address")
                        + (o.has("auth.port") ? " auth-port " + o.text("auth.port") : "")
                        + (o.has("acct.port") ? " acct-port " + o.text("acct.port") : ""));
            }
            for (String key : List.of("timeout", "retransmit", "deadtime")) {
                w.sub(o, key, key);
            }
            w.line("!");
            if (o.has(ObjectKind.RADIUS_KEY)) {
                // After the block: a comment inside it would close it. Re-importing without a key keeps this one.
                w.line("! radius server " + o.name + ": key set, not shown ('key 0 SECRET' replaces it)");
            }
        });
        w.each(ObjectKind.TRUSTPOINT, o -> {
            w.line("crypto pki trustpoint " + o.name);
            w.line(" enrollment pkcs12");
            if (o.has("revocation.check")) {
                w.line(" revocation-check " + o.text("revocation.check"));
            }
            if (o.has("pkcs12.file")) {
                w.line("! imported from " + o.text("pkcs12.file") + " (crypto:pki-import; the password is not shown)");
            }
            w.line("!");
        });
        w.each(ObjectKind.POOL, o -> o.list("ranges").forEach(r -> w.line("ip local pool " + o.name + " " + r)));
        w.line("!");
        w.each(ObjectKind.AUTHORIZATION_POLICY, o -> {
            w.line("crypto ikev2 authorization policy " + o.name);
            w.sub(o, "pool", "pool");
            w.subList(o, "dns", "dns");
            w.sub(o, "netmask", "netmask");
            w.sub(o, "def.domain", "def-domain");
            o.list("split.dns").forEach(d -> w.line(" split-dns " + d));
            o.list("backup.gateways").forEach(g -> w.line(" backup-gateway " + g));
            w.sub(o, "route.set.acl", "route set access-list");
            w.line("!");
        });
        w.each(ObjectKind.PROPOSAL, o -> {
            w.line("crypto ikev2 proposal " + o.name);
            for (String key : List.of("encryption", "integrity", "prf", "group")) {
                w.subList(o, key, key);
            }
            w.line("!");
        });
        w.each(ObjectKind.ANYCONNECT_PROFILE, o -> w.line("crypto vpn anyconnect profile " + o.name + " "
                + IosFiles.anyConnectIos(o.text("file"))));
        w.line("!");
        w.each(ObjectKind.IKEV2_PROFILE, o -> {
            w.line("crypto ikev2 profile " + o.name);
            o.list("match.identity.remote").forEach(m -> w.line(" match identity remote " + m));
            w.sub(o, "authentication.local", "authentication local");
            w.sub(o, "authentication.remote", "authentication remote");
            w.sub(o, "pki.trustpoint", "pki trustpoint");
            String eap = o.text("authentication.remote").startsWith("anyconnect-eap") ? "anyconnect-eap" : "eap";
            w.sub(o, "aaa.authentication.list", "aaa authentication " + eap);
            if (o.has("aaa.authorization.group.list")) {
                String policy = o.text("aaa.authorization.group.policy");
                w.line(" aaa authorization group " + eap + " list " + o.text("aaa.authorization.group.list")
                        + (policy.isEmpty() ? "" : " " + policy));
            }
            if (o.text("aaa.authorization.user.cached").equals("true")) {
                w.line(" aaa authorization user " + eap + " cached");
            }
            w.sub(o, "aaa.accounting.list", "aaa accounting " + eap);
            w.sub(o, "virtual.template", "virtual-template");
            w.sub(o, "anyconnect.profile", "anyconnect profile");
            w.sub(o, "dpd", "dpd");
            w.sub(o, "lifetime", "lifetime");
            w.line("!");
        });
        w.line("no crypto ikev2 http-url cert");
        w.line("no ip http server");
        w.line("no ip http secure-server");
        w.line("!");
        w.each(ObjectKind.TRANSFORM_SET, o -> {
            w.line("crypto ipsec transform-set " + o.name + " " + o.text("transforms"));
            w.line(" mode " + (o.has("mode") ? o.text("mode") : "tunnel"));
            w.line("!");
        });
        w.each(ObjectKind.IPSEC_PROFILE, o -> {
            w.line("crypto ipsec profile " + o.name);
            w.subList(o, "set.transform-set", "set transform-set");
            w.sub(o, "set.ikev2-profile", "set ikev2-profile");
            w.sub(o, "lifetime.seconds", "set security-association lifetime seconds");
            w.sub(o, "lifetime.kilobytes", "set security-association lifetime kilobytes");
            w.line("!");
        });
        w.each(ObjectKind.INTERFACE, o -> {
            w.line("interface " + o.name + (o.name.startsWith("Virtual-Template") ? " type tunnel" : ""));
            w.sub(o, "ip.address", "ip address");
            w.sub(o, "ip.unnumbered", "ip unnumbered");
            w.sub(o, "ip.mtu", "ip mtu");
            w.sub(o, "ip.nat", "ip nat");
            if (o.name.startsWith("Virtual-Template")) {
                w.line(" tunnel mode ipsec ipv4");
            }
            w.sub(o, "tunnel.protection.ipsec.profile", "tunnel protection ipsec profile");
            w.line("!");
        });
        w.each(ObjectKind.ACCESS_LIST, o -> {
            w.line("ip access-list standard " + o.name);
            o.list("entries").forEach(e -> w.line(" " + e));
            w.line("!");
        });
        w.each(ObjectKind.NAT, o -> {
            w.line("ip access-list extended " + o.name);
            o.list("sources").forEach(s -> w.line(" permit ip " + Wildcards.addressWildcard(s) + " any"));
            w.line("!");
            w.line("ip nat inside source list " + o.name + " interface " + o.text("outside.interface") + " overload");
            w.line("!");
        });
        w.line("end");
        return String.join("\n", w.out) + "\n";
    }

    private void each(ObjectKind kind, java.util.function.Consumer<ConfigObject> print) {
        objects.stream().filter(o -> o.kind == kind).forEach(print);
    }

    private void line(String text) {
        out.add(text);
    }

    private void sub(ConfigObject o, String key, String command) {
        if (o.has(key) && !o.text(key).isEmpty()) {
            out.add(" " + command + " " + o.text(key));
        }
    }

    private void subList(ConfigObject o, String key, String command) {
        if (!o.list(key).isEmpty()) {
            out.add(" " + command + " " + String.join(" ", o.list(key)));
        }
    }
}
