package io.flexgate.ios.config;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The indented lines of each block, one method per block kind. Each returns null when it took the line, or
 * the reason it could not.
 */
final class IosBlocks {

    private static final Set<String> EAP_KINDS = Set.of("eap", "anyconnect-eap");
    private static final Set<String> DPD_MODES = Set.of("on-demand", "periodic");

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
