package io.flexgate.ios.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The indented lines of each block, one method per block kind. Each returns null when it took the line, or
 * the reason it could not.
 */
final class IosBlocks {

    private static final Set<String> EAP_KINDS = Set.of("eap", "anyconnect-eap");
    private static final Set<String> DPD_MODES = Set.of("on-demand", "periodic");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IosBlocks() {
    }

    /** {@code crypto ikev2 authorization policy NAME}. */
    static String authorizationPolicy(ConfigObject p, String[] s) {
        String head = s[0];
        if (s.length == 2 && head.equals("pool")) {
            p.set("pool", s[1]);
        } else if (s.length >= 2 && s.length <= 3 && head.equals("dns")) {
            replaceList(p, "dns", s, 1);
        } else if (s.length == 2 && head.equals("netmask")) {
            p.set("netmask", s[1]);
        } else if (s.length == 2 && head.equals("def-domain")) {
            p.set("def.domain", s[1]);
        } else if (s.length >= 2 && head.equals("split-dns")) {
            Arrays.asList(s).subList(1, s.length).forEach(d -> p.add("split.dns", d));
        } else if (s.length == 2 && head.equals("backup-gateway")) {
            p.add("backup.gateways", s[1]);
        } else if (s.length >= 4 && head.equals("route") && s[1].equals("set") && s[2].equals("access-list")) {
            // route set access-list [ipv4] NAME
            if (s.length == 5 && !s[3].equals("ipv4")) {
                return "only IPv4 route access lists are supported";
            }
            p.set("route.set.acl", s[s.length - 1]);
        } else {
            return "not supported in an IKEv2 authorization policy (pool, dns, netmask, def-domain, split-dns, "
                    + "backup-gateway, route set access-list)";
        }
        return null;
    }

    /** {@code crypto ikev2 proposal NAME}. */
    static String proposal(ConfigObject p, String[] s) {
        if (s.length >= 2 && List.of("encryption", "integrity", "prf", "group").contains(s[0])) {
            replaceList(p, s[0], s, 1);
            return null;
        }
        return "not supported in an IKEv2 proposal (encryption, integrity, prf, group)";
    }

    /** {@code crypto ikev2 profile NAME}. */
    static String ikev2Profile(ConfigObject p, String[] s) {
        String line = String.join(" ", s);
        if (s.length >= 4 && line.startsWith("match identity remote ")) {
            p.add("match.identity.remote", String.join(" ", Arrays.asList(s).subList(3, s.length)));
        } else if (s.length == 3 && line.startsWith("authentication local ")) {
            p.set("authentication.local", s[2]);
        } else if (s.length >= 3 && line.startsWith("authentication remote ")) {
            p.set("authentication.remote", String.join(" ", Arrays.asList(s).subList(2, s.length)));
        } else if ((s.length == 3 || s.length == 4) && line.startsWith("pki trustpoint ")) {
            p.set("pki.trustpoint", s[2]);
        } else if (s.length == 4 && line.startsWith("aaa authentication ") && EAP_KINDS.contains(s[2])) {
            p.set("aaa.authentication.list", s[3]);
        } else if ((s.length == 6 || s.length == 7) && line.startsWith("aaa authorization group ")
                && EAP_KINDS.contains(s[3]) && s[4].equals("list")) {
            p.set("aaa.authorization.group.list", s[5]);
            if (s.length == 7) {
                p.set("aaa.authorization.group.policy", s[6]);
            }
        } else if (s.length == 5 && line.startsWith("aaa authorization user ") && EAP_KINDS.contains(s[3])
                && s[4].equals("cached")) {
            p.set("aaa.authorization.user.cached", "true");
        } else if (s.length == 4 && line.startsWith("aaa accounting ") && EAP_KINDS.contains(s[2])) {
            p.set("aaa.accounting.list", s[3]); // read by aaa-radius: the accounting method list of the sessions
        } else if (s.length == 2 && s[0].equals("virtual-template") && IosParser.isNumber(s[1])) {
            p.set("virtual.template", s[1]);
        } else if (s.length == 3 && line.startsWith("anyconnect profile ")) {
            p.set("anyconnect.profile", s[2]);
        } else if (s.length == 4 && s[0].equals("dpd") && IosParser.isNumber(s[1]) && IosParser.isNumber(s[2])
                && DPD_MODES.contains(s[3])) {
            p.set("dpd", String.join(" ", Arrays.asList(s).subList(1, 4)));
        } else if (s.length == 2 && s[0].equals("lifetime") && IosParser.isNumber(s[1])) {
            p.set("lifetime", s[1]);
        } else {
            return "not supported in an IKEv2 profile";
        }
        return null;
    }

    /** {@code aaa group server radius NAME}: {@code server name SERVER}, tried in the order given. */
    static String radiusGroup(ConfigObject g, String[] s) {
        if (s.length == 3 && s[0].equals("server") && s[1].equals("name")) {
            g.add("servers", s[2]);
            return null;
        }
        return "only 'server name NAME' is supported in a RADIUS server group (servers defined with 'radius server')";
    }

    /**
     * {@code radius server NAME}: {@code address ipv4|ipv6 A [auth-port P] [acct-port Q]}, {@code key [0] SECRET},
     * {@code timeout S}, {@code retransmit N}, {@code deadtime M}. The key goes to {@code .key} in clear, as
     * aaa-radius reads it; IOS's encrypted forms (types 6 and 7) are refused.
     */
    static String radiusServer(ConfigObject r, String[] s) {
        String head = s[0];
        if (head.equals("address")) {
            return radiusAddress(r, s);
        }
        if (head.equals("key")) {
            return radiusKey(r, s);
        }
        if (s.length == 2 && Set.of("timeout", "retransmit", "deadtime").contains(head)
                && IosParser.isNumber(s[1])) {
            r.set(head, s[1]);
        } else {
            return "not supported in a RADIUS server (address ipv4|ipv6 A [auth-port P] [acct-port Q], key [0] SECRET, "
                    + "timeout, retransmit, deadtime)";
        }
        return null;
    }

    private static String radiusKey(ConfigObject r, String[] s) {
        if (s.length == 2 || s.length == 3 && s[1].equals("0")) {
            r.set(ObjectKind.RADIUS_KEY, s[s.length - 1]);
            return null;
        }
        if (s.length == 3 && (s[1].equals("6") || s[1].equals("7"))) {
            return "an encrypted key (type " + s[1] + ") cannot be read back into a shared secret: give it in clear "
                    + "as 'key 0 SECRET'";
        }
        return "expected 'key [0] SECRET' with the secret as one word";
    }

    private static String radiusAddress(ConfigObject r, String[] s) {
        boolean v4 = s.length >= 3 && s[1].equals("ipv4") && IPV4.matcher(s[2]).matches();
        boolean v6 = s.length >= 3 && s[1].equals("ipv6") && IPV6.matcher(s[2]).matches();
        if (!v4 && !v6 || s.length % 2 == 0) {
            return "expected 'address ipv4|ipv6 LITERAL [auth-port P] [acct-port Q]'";
        }
        Map<String, String> ports = new LinkedHashMap<>();
        for (int i = 3; i < s.length; i += 2) {
            if (!Set.of("auth-port", "acct-port").contains(s[i]) || !IosParser.isNumber(s[i + 1])
                    || Integer.parseInt(s[i + 1]) < 1 || Integer.parseInt(s[i + 1]) > 65535
                    || ports.put(s[i].replace('-', '.'), s[i + 1]) != null) {
                return "expected 'address ipv4|ipv6 LITERAL [auth-port 1-65535] [acct-port 1-65535]'";
            }
        }
        r.set("address", s[2]);
        ports.forEach(r::set);
        return null;
    }

    /** {@code crypto ipsec profile NAME}. */
    static String ipsecProfile(ConfigObject p, String[] s) {
        String line = String.join(" ", s);
        if (s.length >= 3 && line.startsWith("set transform-set ")) {
            replaceList(p, "set.transform-set", s, 2);
        } else if (s.length == 3 && line.startsWith("set ikev2-profile ")) {
            p.set("set.ikev2-profile", s[2]);
        } else if (s.length == 5 && line.startsWith("set security-association lifetime ")
                && (s[3].equals("seconds") || s[3].equals("kilobytes")) && IosParser.isNumber(s[4])) {
            p.set("lifetime." + s[3], s[4]);
        } else {
            return "not supported in an IPsec profile (set transform-set, set ikev2-profile, "
                    + "set security-association lifetime)";
        }
        return null;
    }

    /** {@code interface NAME}. */
    static String interfaceLine(ConfigObject p, String[] s) {
        String line = String.join(" ", s);
        if (s.length == 4 && line.startsWith("ip address ")) {
            p.set("ip.address", s[2] + " " + s[3]);
        } else if (s.length == 3 && line.startsWith("ip unnumbered ")) {
            String name = IosParser.normalizeInterface(s[2]);
            if (name == null) {
                return "unknown interface " + s[2];
            }
            p.set("ip.unnumbered", name);
        } else if (s.length == 3 && line.startsWith("ip mtu ") && IosParser.isNumber(s[2])) {
            p.set("ip.mtu", s[2]);
        } else if (line.equals("ip nat inside") || line.equals("ip nat outside")) {
            p.set("ip.nat", s[2]);
        } else if (line.equals("tunnel mode ipsec ipv4") || line.equals("no shutdown")) {
            return null; // the only tunnel mode, and the only state, FlexGate has
        } else if (s.length == 5 && line.startsWith("tunnel protection ipsec profile ")) {
            p.set("tunnel.protection.ipsec.profile", s[4]);
        } else {
            return "not supported on an interface (ip address, ip unnumbered, ip mtu, ip nat, tunnel mode ipsec "
                    + "ipv4, tunnel protection ipsec profile)";
        }
        return null;
    }

    /** {@code ip access-list standard NAME}: {@code [SEQ] permit|deny ADDRESS [WILDCARD] | any | host A}. */
    static String standardAclEntry(ConfigObject acl, String[] s) {
        String[] e = s.length > 1 && IosParser.isNumber(s[0]) ? Arrays.copyOfRange(s, 1, s.length) : s;
        if (e.length >= 2 && e.length <= 3 && (e[0].equals("permit") || e[0].equals("deny"))) {
            acl.add("entries", String.join(" ", e));
            return null;
        }
        return "expected '[SEQ] permit|deny ADDRESS [WILDCARD]'";
    }

    /**
     * {@code ip access-list extended NAME} as a NAT source list: {@code permit ip SOURCE any}, where SOURCE is
     * {@code ADDRESS WILDCARD}, {@code host A} or {@code any}.
     */
    static String extendedAclEntry(int line, List<String> sources, List<Integer> denyLines, String[] s) {
        String[] e = s.length > 1 && IosParser.isNumber(s[0]) ? Arrays.copyOfRange(s, 1, s.length) : s;
        if (e.length >= 1 && e[0].equals("deny")) {
            denyLines.add(line);
            return null;
        }
        if (e.length == 5 && e[0].equals("permit") && e[1].equals("ip") && e[4].equals("any")) {
            sources.add(e[2].equals("host") ? e[3] + " 0.0.0.0" : e[2] + " " + e[3]);
            return null;
        }
        if (e.length == 4 && e[0].equals("permit") && e[1].equals("ip") && e[2].equals("any") && e[3].equals("any")) {
            sources.add("0.0.0.0 255.255.255.255");
            return null;
        }
        return "expected 'permit ip SOURCE WILDCARD any' (a NAT source list)";
    }

    private static void replaceList(ConfigObject p, String key, String[] s, int from) {
        p.set(key, s[from]);
        for (int i = from + 1; i < s.length; i++) {
            p.add(key, s[i]);
        }
    }
}
