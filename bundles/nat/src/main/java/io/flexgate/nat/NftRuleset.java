package io.flexgate.nat;

import io.flexgate.api.nat.NatException;
import io.flexgate.api.nat.NatService.NatRule;
import io.flexgate.api.net.IpPrefix;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The nftables script for FlexGate's own table. Every change replaces the whole table in one {@code nft -f}
 * transaction: the script first makes sure the table exists (so that the delete cannot fail), deletes it and
 * creates it again with all rules, and the kernel applies all or nothing. Nothing outside the table is named.
 *
 * <p>The table is of family {@code inet}, so IPv4 and IPv6 sources share it (NAT in inet tables needs
 * Linux 5.2 or later). Each rule becomes, per address family present in its sources,
 * {@code ip saddr { PREFIXES } oifname "IF" counter masquerade comment "NAME"}.
 */
final class NftRuleset {

    /** The address family of FlexGate's table. */
    static final String FAMILY = "inet";
    /** The chain that holds the masquerade rules. */
    static final String CHAIN = "postrouting";
    /** The hook priority of source NAT ({@code srcnat} in nft 0.9.6 and later). */
    static final int SRCNAT_PRIORITY = 100;
    /** Linux interface names have at most 15 characters (IFNAMSIZ - 1). */
    static final int MAX_INTERFACE_NAME = 15;
    /** Rule names end up in nft comments, which are limited to 128 bytes. */
    static final int MAX_RULE_NAME = 64;
    /** Prefixes per rule; an ACL far beyond this belongs in a named set, which this class does not build. */
    static final int MAX_SOURCES = 1024;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.@][A-Za-z0-9_.@-]{0,14}");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1," + MAX_RULE_NAME + "}");

    private NftRuleset() {
    }

    /** Checks a table name before anything runs. */
    static String checkTableName(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("nftables table name '" + table + "' must be a letter followed by"
                    + " up to 31 letters, digits or '_'");
        }
        return table;
    }

    /** Checks what nft would otherwise reject only after the script was built, or would misread. */
    static void check(NatRule rule) throws NatException {
        if (!RULE_NAME.matcher(rule.name()).matches()) {
            throw new NatException("NAT rule name '" + rule.name() + "' must have 1.." + MAX_RULE_NAME
                    + " letters, digits or . : _ @ -");
        }
        if (!INTERFACE_NAME.matcher(rule.outsideInterface()).matches()) {
            throw new NatException("NAT rule " + rule.name() + ": '" + rule.outsideInterface()
                    + "' is not a Linux interface name (1.." + MAX_INTERFACE_NAME + " characters)");
        }
        if (rule.sources().isEmpty()) {
            throw new NatException("NAT rule " + rule.name() + " has no sources");
        }
        if (rule.sources().size() > MAX_SOURCES) {
            throw new NatException("NAT rule " + rule.name() + " has " + rule.sources().size()
                    + " sources, more than " + MAX_SOURCES);
        }
    }

    /** The script that replaces the table with one holding {@code rules} (sorted by name). */
    static String replaceTable(String table, Collection<NatRule> rules) {
        StringBuilder s = new StringBuilder(deleteTable(table));
        s.append("table ").append(FAMILY).append(' ').append(table).append(" {\n");
        s.append("\tchain ").append(CHAIN).append(" {\n");
        s.append("\t\ttype nat hook postrouting priority ").append(SRCNAT_PRIORITY).append("; policy accept;\n");
        rules.stream().sorted(Comparator.comparing(NatRule::name)).forEach(rule -> {
            appendRule(s, "ip", rule, rule.sources().stream().filter(IpPrefix::isIpv4).toList());
            appendRule(s, "ip6", rule, rule.sources().stream().filter(p -> !p.isIpv4()).toList());
        });
        s.append("\t}\n}\n");
        return s.toString();
    }

    /** The script that removes the table, whether it exists or not. */
    static String deleteTable(String table) {
        return "table " + FAMILY + " " + table + " {\n}\ndelete table " + FAMILY + " " + table + "\n";
    }

    private static void appendRule(StringBuilder s, String family, NatRule rule, List<IpPrefix> sources) {
        if (sources.isEmpty()) {
            return;
        }
        s.append("\t\t").append(family).append(" saddr { ");
        for (int i = 0; i < sources.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(sources.get(i));
        }
        s.append(" } oifname \"").append(rule.outsideInterface()).append("\" counter masquerade comment \"")
                .append(rule.name()).append("\"\n");
    }
}
