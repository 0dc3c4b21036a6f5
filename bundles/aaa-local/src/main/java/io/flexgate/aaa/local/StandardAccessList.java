package io.flexgate.aaa.local;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An IOS standard access list ({@code ip access-list standard NAME}): entries {@code permit|deny SOURCE},
 * where SOURCE is {@code any}, {@code host A}, {@code A WILDCARD} or {@code A}; an optional leading sequence
 * number and {@code remark} lines are accepted. Evaluated first match wins, with the implicit
 * {@code deny any} at the end. Immutable.
 *
 * <p>{@link #permittedPrefixes()} turns the list into split-tunnel networks (INTERNAL_IP4_SUBNET and the
 * narrowed TSr): exactly the addresses the list permits, as CIDR prefixes. A {@code deny} entry is never
 * sent as a route; it removes the addresses it matches from every later {@code permit} (first match), so
 * {@code deny 10.1.0.0 0.0.255.255} before {@code permit 10.0.0.0 0.255.255.255} yields the pieces of 10/8
 * around 10.1/16. A {@code deny} after the permits it overlaps has no effect, as in the ACL itself.
 */
final class StandardAccessList {

    /** More entries than this is a configuration mistake for a split-tunnel list. */
    static final int MAX_ENTRIES = 256;
    /** A list whose permitted set needs more prefixes than this is refused (too fragmented to push). */
    static final int MAX_PREFIXES = 256;

    /** One entry. */
    record Entry(boolean permit, IpPrefix source) {
        @Override
        public String toString() {
            return (permit ? "permit " : "deny ") + source;
        }
    }

    private final String name;
    private final List<Entry> entries;
    private final List<IpPrefix> permitted;

    StandardAccessList(String name, List<Entry> entries) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("access list name is missing");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("access list " + name + " has more than " + MAX_ENTRIES + " entries");
        }
        this.name = name;
        this.entries = List.copyOf(entries);
        this.permitted = computePermitted(name, this.entries);
    }

    /** Parses entries as written under {@code ip access-list standard NAME}. */
    static StandardAccessList parse(String name, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            parseEntry(name, line).ifPresent(entries::add);
        }
        return new StandardAccessList(name, entries);
    }

    static java.util.Optional<Entry> parseEntry(String acl, String line) {
        String[] w = line.strip().toLowerCase(Locale.ROOT).split("\\s+");
        int i = 0;
        if (w.length > 0 && !w[0].isEmpty() && w[0].chars().allMatch(Character::isDigit)) {
            i++;
        }
        if (i < w.length && "remark".equals(w[i])) {
            return java.util.Optional.empty();
        }
        if (i >= w.length || !("permit".equals(w[i]) || "deny".equals(w[i]))) {
            throw new IllegalArgumentException("access list " + acl + ": '" + line + "' is not a permit or deny entry");
        }
        boolean permit = "permit".equals(w[i++]);
        int rest = w.length - i;
        try {
            IpPrefix source;
            if (rest == 1 && "any".equals(w[i])) {
                source = IpPrefix.parse("0.0.0.0/0");
            } else if (rest == 2 && "host".equals(w[i])) {
                source = IpPrefix.host(ConfigValues.address(w[i + 1]));
            } else if (rest == 1 && !w[i].contains("/")) {
                source = IpPrefix.host(ConfigValues.address(w[i]));
            } else if (rest == 2 && !w[i].contains("/") && !w[i + 1].contains("/")) {
                source = parseWildcard(w[i], w[i + 1]);
            } else {
                throw new IllegalArgumentException("expected any, host A, A or A WILDCARD");
            }
            return java.util.Optional.of(new Entry(permit, source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access list " + acl + ": '" + line + "': " + e.getMessage(), e);
        }
    }

    /** {@code A WILDCARD} with an IOS wildcard mask (zero bits must match); a netmask is refused. */
    private static IpPrefix parseWildcard(String address, String wildcard) {
        byte[] mask = ConfigValues.address(wildcard).getAddress();
        // IpPrefix reads a mask starting with a one bit as a netmask; an ACL wants a wildcard, so a netmask
        // here is almost certainly an operator's slip (255.0.0.0 would mean "ignore the first octet only").
        if ((mask[0] & 0x80) != 0 && !allOnes(mask)) {
            throw new IllegalArgumentException("'" + wildcard + "' is a netmask; ACLs take a wildcard such as 0.255.255.255");
        }
        return IpPrefix.parse(address + " " + wildcard);
    }

    private static boolean allOnes(byte[] b) {
        for (byte x : b) {
            if (x != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    String name() {
        return name;
    }

    List<Entry> entries() {
        return entries;
    }

    /** First match; no match is the implicit deny. */
    boolean permits(InetAddress address) {
        for (Entry e : entries) {
            if (e.source().contains(address)) {
                return e.permit();
            }
        }
        return false;
    }

    /** Exactly the permitted addresses as sorted, aggregated, disjoint prefixes. */
    List<IpPrefix> permittedPrefixes() {
        return permitted;
    }

    private static List<IpPrefix> computePermitted(String name, List<Entry> entries) {
        List<IpPrefix> decided = new ArrayList<>();
        List<IpPrefix> result = new ArrayList<>();
        for (Entry entry : entries) {
            List<IpPrefix> pieces = List.of(entry.source());
            for (IpPrefix earlier : decided) {
                List<IpPrefix> next = new ArrayList<>();
                for (IpPrefix piece : pieces) {
                    next.addAll(PrefixSets.subtract(piece, earlier));
                }
                pieces = next;
                checkSize(name, pieces.size() + result.size());
            }
            if (entry.permit()) {
                result.addAll(pieces);
            }
            decided.add(entry.source());
        }
        return PrefixSets.aggregate(result);
    }

    private static void checkSize(String name, int size) {
        if (size > MAX_PREFIXES) {
            throw new IllegalArgumentException("access list " + name + " permits a set that needs more than "
                    + MAX_PREFIXES + " prefixes");
        }
    }
}
