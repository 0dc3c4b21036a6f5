package io.flexgate.ios.config;

import io.flexgate.api.config.IosConfiguration.Rejected;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a FlexVPN configuration, as {@code show running-config} prints it or as the seed's steps type it,
 * into configuration objects. Top-level lines open blocks ({@code interface}, {@code crypto ikev2 profile}
 * ...); indented lines belong to the block above them; {@code !} closes it. A block may be entered twice (the
 * seed adds {@code ip nat inside} to Virtual-Template100 in step 14): the second adds to the first.
 */
final class IosParser {

    /** A configuration larger than this is not a router's configuration. */
    static final int MAX_TEXT_CHARS = 1024 * 1024;
    static final int MAX_LINES = 20_000;
    /** IOS itself refuses longer command lines. */
    static final int MAX_LINE_CHARS = 1024;

    /** {@code Router(config)#}, {@code Router(config-if)#}: pasted prompts. */
    private static final Pattern PROMPT = Pattern.compile("^\\S+\\(config[^)]*\\)#\\s?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/$*@+-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern INTERFACE = Pattern.compile("(?i)(loopback|virtual-template|gigabitethernet|"
            + "tengigabitethernet|fastethernet|ethernet|tunnel)\\s*([0-9][0-9/.]*)");

    /** A {@code username} line, applied through the local user database. */
    record UserLine(int line, String username, String text) {
    }

    /** A {@code crypto pki import} line: an action on the trustpoint service, not a configuration. */
    record KeyImport(int line, String trustpoint, String file, String password) {
        @Override
        public String toString() {
            return "KeyImport[line=" + line + ", trustpoint=" + trustpoint + ", file=" + file + "]";
        }
    }

    /** Everything one text defined. */
    record Parsed(List<ConfigObject> objects, List<UserLine> users, List<KeyImport> keyImports,
            List<Rejected> rejected, List<String> notes) {
    }

    /** A block's handler for its indented lines; returns a reason when it cannot take the line. */
    @FunctionalInterface
    private interface Block {
        String accept(int line, String[] words);
    }

    private final Map<String, ConfigObject> objects = new LinkedHashMap<>();
    private final List<UserLine> users = new ArrayList<>();
    private final List<KeyImport> keyImports = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, ExtendedAcl> extendedAcls = new LinkedHashMap<>();
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    private final Map<String, NatLine> natLines = new LinkedHashMap<>();

    private record ExtendedAcl(int line, List<String> sources, List<Integer> denyLines) {
    }

    private record Policy(int line, List<String> proposals) {
    }

    private record NatLine(int line, String acl, String outside) {
    }

    private IosParser() {
    }

    static Parsed parse(String text) {
        IosParser p = new IosParser();
        if (text.length() > MAX_TEXT_CHARS) {
            p.rejected.add(new Rejected(0, "", "the text is longer than " + MAX_TEXT_CHARS + " characters"));
            return p.result();
        }
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > MAX_LINES) {
            p.rejected.add(new Rejected(0, "", "the text has more than " + MAX_LINES + " lines"));
            return p.result();
        }
        Block block = null;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = PROMPT.matcher(lines[i].stripTrailing()).replaceFirst("");
            if (line.length() > MAX_LINE_CHARS) {
                p.reject(n, new String[0], "longer than " + MAX_LINE_CHARS + " characters");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("!")) {
                block = null;
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (Character.isWhitespace(line.charAt(0))) {
                String reason = block == null ? "an indented sub-command outside any block" : block.accept(n, words);
                if (reason != null) {
                    p.reject(n, words, reason);
                }
                continue;
            }
            block = p.top(n, words);
        }
        p.finish();
        return p.result();
    }

    private Parsed result() {
        return new Parsed(List.copyOf(objects.values()), List.copyOf(users), List.copyOf(keyImports),
                List.copyOf(rejected), List.copyOf(notes));
    }

    /** A top-level line: the block it opens, or null. */
    private Block top(int n, String[] w) {
        String head = String.join(" ", Arrays.copyOf(w, Math.min(w.length, 3))).toLowerCase(Locale.ROOT);
        if (head.equals("end") || head.equals("exit")) {
            return null;
        }
        if (head.equals("aaa new-model")) {
            return null; // FlexGate always runs the AAA model.
        }
        if (head.startsWith("aaa authentication login") || head.startsWith("aaa authorization network")
                || head.startsWith("aaa accounting network")) {
            methodList(n, w);
            return null;
        }
        if (head.equals("aaa group server") && w.length == 5 && w[3].equals("radius") && named(n, w, 4)) {
            ConfigObject group = object(ObjectKind.RADIUS_GROUP, w[4], n);
            return (line, s) -> IosBlocks.radiusGroup(group, s);
        }
        if (w[0].equals("radius") && w.length >= 2 && w[1].equals("server")) {
            if (w.length != 3) {
                reject(n, w, "expected 'radius server NAME' (the address and key go on its own lines)");
                return null;
            }
            if (!named(n, w, 2)) {
                return null;
            }
            ConfigObject server = object(ObjectKind.RADIUS_SERVER, w[2], n);
            return (line, s) -> IosBlocks.radiusServer(server, s);
        }
        if (head.startsWith("username ")) {
            username(n, w);
            return null;
        }
        if (head.equals("crypto pki import")) {
            pkiImport(n, w);
            return null;
        }
        if (head.equals("crypto pki trustpoint") && named(n, w, 3)) {
            ConfigObject tp = object(ObjectKind.TRUSTPOINT, w[3], n);
            return (line, s) -> trustpointLine(tp, s);
        }
        if (head.equals("ip local pool")) {
            pool(n, w);
            return null;
        }
        if (w.length >= 5 && head.equals("crypto ikev2 authorization") && w[3].equals("policy") && named(n, w, 4)) {
            ConfigObject policy = object(ObjectKind.AUTHORIZATION_POLICY, w[4], n);
            return (line, s) -> IosBlocks.authorizationPolicy(policy, s);
        }
        if (head.equals("crypto ikev2 proposal") && named(n, w, 3)) {
            ConfigObject proposal = object(ObjectKind.PROPOSAL, w[3], n);
            return (line, s) -> IosBlocks.proposal(proposal, s);
        }
        if (head.equals("crypto ikev2 policy") && named(n, w, 3)) {
            Policy policy = policies.computeIfAbsent(w[3], k -> new Policy(n, new ArrayList<>()));
            return (line, s) -> {
                if (s.length >= 2 && s[0].equals("proposal")) {
                    policy.proposals().addAll(Arrays.asList(s).subList(1, s.length));
                    return null;
                }
                return "only 'proposal' is supported in an IKEv2 policy (no match statements)";
            };
        }
        if (head.equals("crypto ikev2 profile") && named(n, w, 3)) {
            ConfigObject profile = object(ObjectKind.IKEV2_PROFILE, w[3], n);
            if (!profile.has("aaa.authorization.user.cached")) {
                profile.set("aaa.authorization.user.cached", "false");
            }
            return (line, s) -> IosBlocks.ikev2Profile(profile, s);
        }
        if (head.equals("crypto vpn anyconnect") && w.length == 6 && w[3].equals("profile") && named(n, w, 4)) {
            object(ObjectKind.ANYCONNECT_PROFILE, w[4], n).set("file", IosFiles.anyConnectFile(w[5]));
            return null;
        }
        if (head.equals("no crypto ikev2") && w.length == 5 && w[3].equals("http-url") && w[4].equals("cert")
                || head.equals("no ip http") && w.length == 4 && w[3].equals("server")
                || head.equals("no ip http") && w.length == 4 && w[3].equals("secure-server")) {
            return null; // FlexGate has no HTTP server and never fetches certificates by URL: already so.
        }
        if (head.equals("crypto ipsec transform-set") && named(n, w, 3)) {
            if (w.length < 5) {
                reject(n, w, "a transform set needs at least one transform");
                return null;
            }
            ConfigObject ts = object(ObjectKind.TRANSFORM_SET, w[3], n);
            ts.set("transforms", String.join(" ", Arrays.asList(w).subList(4, w.length)));
            ts.set("mode", "tunnel");
            return (line, s) -> {
                if (s.length == 2 && s[0].equals("mode") && s[1].equals("tunnel")) {
                    return null;
                }
                return s.length == 2 && s[0].equals("mode") ? "only mode tunnel serves remote access"
                        : "only 'mode tunnel' is supported in a transform set";
            };
        }
        if (head.equals("crypto ipsec profile") && named(n, w, 3)) {
            ConfigObject profile = object(ObjectKind.IPSEC_PROFILE, w[3], n);
            return (line, s) -> IosBlocks.ipsecProfile(profile, s);
        }
        if (w[0].equals("interface") && w.length >= 2) {
            return interfaceBlock(n, w);
        }
        if (head.equals("ip access-list standard") && named(n, w, 3)) {
            ConfigObject acl = object(ObjectKind.ACCESS_LIST, w[3], n);
            return (line, s) -> IosBlocks.standardAclEntry(acl, s);
        }
        if (head.equals("ip access-list extended") && named(n, w, 3)) {
            ExtendedAcl acl = extendedAcls.computeIfAbsent(w[3], k -> new ExtendedAcl(n, new ArrayList<>(),
                    new ArrayList<>()));
            return (line, s) -> IosBlocks.extendedAclEntry(line, acl.sources(), acl.denyLines(), s);
        }
        if (head.equals("ip nat inside") && w.length == 9 && w[3].equals("source") && w[4].equals("list")
                && w[6].equals("interface") && w[8].equals("overload") && named(n, w, 5)) {
            String ios = normalizeInterface(w[7]);
            // An IOS interface name, or this host's Linux name (eth0) as the exporter prints a resolved one.
            natLines.put(w[5], new NatLine(n, w[5], ios != null ? ios : w[7]));
            return null;
        }
        reject(n, w, "not a FlexVPN configuration command FlexGate supports");
        return null;
    }

    private void methodList(int n, String[] w) {
        String kind = switch (w[1]) {
            case "authentication" -> "authentication";
            case "authorization" -> "authorization";
            default -> "accounting";
        };
        int methodsFrom = kind.equals("accounting") ? 5 : 4;
        if (!named(n, w, 3)) {
            return;
        }
        if (w.length <= methodsFrom || kind.equals("accounting") && !w[4].equals("start-stop")) {
            reject(n, w, kind.equals("accounting") ? "expected 'start-stop' and methods" : "no methods given");
            return;
        }
        if (kind.equals("accounting") && !serverGroupsOnly(w, methodsFrom)) {
            reject(n, w, "accounting goes to RADIUS server groups only: 'start-stop group NAME [group NAME2 ...]'");
            return;
        }
        ConfigObject list = object(ObjectKind.AAA_LIST, w[3], n);
        list.set("aaa.list.kind", kind);
        list.set("methods", String.join(" ", Arrays.asList(w).subList(methodsFrom, w.length)));
    }

    /** {@code group A group B ...} from {@code from} to the end, each NAME a valid name. */
    private static boolean serverGroupsOnly(String[] w, int from) {
        if ((w.length - from) % 2 != 0) {
            return false;
        }
        for (int i = from; i < w.length; i += 2) {
            if (!w[i].equals("group") || !NAME.matcher(w[i + 1]).matches()) {
                return false;
            }
        }
        return true;
    }

    private void username(int n, String[] w) {
        int i = 2;
        if (w.length > 3 && w[2].equals("privilege")) {
            i = 4;
        }
        boolean credential = w.length > i + 1 && (w[i].equals("password") || w[i].equals("secret"));
        if (!named(n, w, 1)) {
            return;
        }
        if (!credential) {
            reject(n, w, "expected 'username NAME [privilege N] password|secret [TYPE] VALUE'");
            return;
        }
        if (w[i].equals("secret") && w.length > i + 2 && !w[i + 1].equals("0")) {
            reject(n, w, "hashed secrets (type " + w[i + 1] + ") carry no NT hash for EAP-MSCHAPv2: give the "
                    + "password as 'password 0'");
            return;
        }
        users.add(new UserLine(n, w[1], String.join(" ", w)));
    }

    private void pkiImport(int n, String[] w) {
        // crypto pki import NAME pkcs12 FILE password PASSWORD
        if (w.length != 8 || !w[4].equals("pkcs12") || !w[6].equals("password")) {
            reject(n, w, "expected 'crypto pki import NAME pkcs12 FILE password PASSWORD'");
            return;
        }
        if (!named(n, w, 3)) {
            return;
        }
        keyImports.add(new KeyImport(n, w[3], IosFiles.flashFile(w[5]), w[7]));
    }

    private static String trustpointLine(ConfigObject tp, String[] s) {
        if (s.length == 2 && s[0].equals("revocation-check") && (s[1].equals("none") || s[1].equals("crl"))) {
            tp.set("revocation.check", s[1]);
            return null;
        }
        if (s.length == 2 && s[0].equals("enrollment") && (s[1].equals("pkcs12") || s[1].equals("terminal"))) {
            return null; // the key arrives by import (crypto:pki-import), which is what these say
        }
        return "only 'revocation-check none|crl' and 'enrollment pkcs12|terminal' are supported in a trustpoint";
    }

    private void pool(int n, String[] w) {
        if (w.length != 6 || !named(n, w, 3)) {
            if (w.length != 6) {
                reject(n, w, "expected 'ip local pool NAME FIRST LAST'");
            }
            return;
        }
        object(ObjectKind.POOL, w[3], n).add("ranges", w[4] + " " + w[5]);
    }

    private Block interfaceBlock(int n, String[] w) {
        String rest = String.join(" ", Arrays.asList(w).subList(1, w.length));
        boolean tunnelType = rest.endsWith(" type tunnel");
        String name = normalizeInterface(tunnelType ? rest.substring(0, rest.length() - " type tunnel".length()) : rest);
        if (name == null) {
            reject(n, w, "unknown interface type");
            return null;
        }
        ConfigObject itf = object(ObjectKind.INTERFACE, name, n);
        return (line, s) -> IosBlocks.interfaceLine(itf, s);
    }

    /** {@code loopback100}, {@code Virtual-Template 100} to {@code Loopback100}, {@code Virtual-Template100}. */
    static String normalizeInterface(String text) {
        var m = INTERFACE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String type = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "loopback" -> "Loopback";
            case "virtual-template" -> "Virtual-Template";
            case "gigabitethernet" -> "GigabitEthernet";
            case "tengigabitethernet" -> "TenGigabitEthernet";
            case "fastethernet" -> "FastEthernet";
            case "ethernet" -> "Ethernet";
            default -> "Tunnel";
        };
        return type + m.group(2);
    }

    /** Cross-references once every line is read: NAT rules take their ACL's sources; policies their proposals. */
    private void finish() {
        for (NatLine nat : natLines.values()) {
            ExtendedAcl acl = extendedAcls.get(nat.acl());
            if (acl == null) {
                reject(nat.line(), new String[] {"ip", "nat", "inside"}, "access list " + nat.acl()
                        + " is not defined as an extended list");
                continue;
            }
            if (!acl.denyLines().isEmpty()) {
                reject(acl.denyLines().get(0), new String[] {"deny"}, "a NAT source list takes permit entries only");
                continue;
            }
            ConfigObject rule = object(ObjectKind.NAT, nat.acl(), nat.line());
            acl.sources().forEach(src -> rule.add("sources", src));
            rule.set("outside.interface", nat.outside());
        }
        extendedAcls.forEach((name, acl) -> {
            if (!natLines.containsKey(name)) {
                reject(acl.line(), new String[] {"ip", "access-list", "extended"},
                        "extended access lists serve only as NAT source lists ('ip nat inside source list')");
            }
        });
        policies.forEach((name, policy) -> {
            List<String> missing = policy.proposals().stream()
                    .filter(p -> !objects.containsKey(ObjectKind.PROPOSAL.factoryPid + "~" + p)).toList();
            if (!missing.isEmpty() || policy.proposals().isEmpty()) {
                reject(policy.line(), new String[] {"crypto", "ikev2", "policy"}, missing.isEmpty()
                        ? "the policy names no proposal" : "proposal " + String.join(", ", missing) + " not defined");
            } else {
                notes.add("line " + policy.line() + ": crypto ikev2 policy " + name + " matches every peer, as "
                        + "FlexGate does with every configured proposal: no configuration of its own");
            }
        });
    }

    private boolean named(int n, String[] w, int index) {
        if (w.length <= index || !NAME.matcher(w[index]).matches()) {
            reject(n, w, w.length <= index ? "a name is missing" : "not a valid name: " + w[index]);
            return false;
        }
        return true;
    }

    private ConfigObject object(ObjectKind kind, String name, int line) {
        return objects.computeIfAbsent(kind.factoryPid + "~" + name, k -> new ConfigObject(kind, name, line));
    }

    /** Records a rejected line by its first words, stopping before anything that may be a secret. */
    private void reject(int line, String[] words, String reason) {
        List<String> shown = new ArrayList<>();
        for (String w : words) {
            if (shown.size() == (words[0].equals("username") ? 2 : 3) || w.equals("password") || w.equals("secret") || w.equals("key")) {
                break;
            }
            shown.add(w);
        }
        rejected.add(new Rejected(line, String.join(" ", shown), reason));
    }

    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }
}
