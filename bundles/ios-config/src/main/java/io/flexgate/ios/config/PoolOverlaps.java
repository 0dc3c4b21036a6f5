package io.flexgate.ios.config;

import io.flexgate.api.config.IosConfiguration.Rejected;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses an {@code ip local pool} whose addresses overlap another pool's. Each pool leases on its own, so an
 * address in two pools could go to two sessions at once; IOS refuses such pools in one group too. A pool the
 * text defines is checked against the pools already configured (except the one it replaces) and the pools
 * earlier in the text. Ranges that are not two address literals are left to the pool bundle, which refuses
 * them with its own reason.
 */
final class PoolOverlaps {

    /** An IP literal: dotted IPv4, or hex and colons (and a dotted tail) for IPv6. Never a host name. */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** One range as numbers; IPv4 and IPv6 ranges never overlap each other. */
    record Range(String text, boolean ipv6, BigInteger first, BigInteger last) {
        boolean overlaps(Range other) {
            return ipv6 == other.ipv6 && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
        }
    }

    private PoolOverlaps() {
    }

    /**
     * The text's pools that overlap another pool, each as a rejected line.
     *
     * @param configured the ranges of each pool already configured, by pool name
     */
    static List<Rejected> check(List<ConfigObject> imported, Map<String, List<String>> configured) {
        Map<String, List<Range>> known = new LinkedHashMap<>();
        configured.forEach((name, ranges) -> known.put(name, ranges(ranges)));
        List<ConfigObject> pools = imported.stream().filter(o -> o.kind == ObjectKind.POOL)
                .sorted(Comparator.comparingInt(o -> o.line)).toList();
        pools.forEach(o -> known.remove(o.name)); // the text's own definition replaces the configured one
        List<Rejected> rejected = new ArrayList<>();
        for (ConfigObject pool : pools) {
            List<Range> mine = ranges(pool.list("ranges"));
            Optional<String> clash = clash(mine, known);
            if (clash.isPresent()) {
                rejected.add(new Rejected(pool.line, "ip local pool " + pool.name, clash.get()
                        + ": one address would be leased by two pools (IOS refuses overlapping pools too)"));
            } else {
                known.put(pool.name, mine);
            }
        }
        return rejected;
    }

    private static Optional<String> clash(List<Range> mine, Map<String, List<Range>> known) {
        for (Range range : mine) {
            for (Map.Entry<String, List<Range>> other : known.entrySet()) {
                for (Range theirs : other.getValue()) {
                    if (range.overlaps(theirs)) {
                        return Optional.of("range " + range.text() + " overlaps pool " + other.getKey() + " ("
                                + theirs.text() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    static List<Range> ranges(List<String> texts) {
        List<Range> out = new ArrayList<>();
        for (String text : texts) {
            String[] ends = text.trim().split("\\s+");
            if (ends.length != 2) {
                continue;
            }
            Optional<byte[]> first = literal(ends[0]);
            Optional<byte[]> last = literal(ends[1]);
            if (first.isPresent() && last.isPresent() && first.get().length == last.get().length) {
                out.add(new Range(text.trim(), first.get().length == 16, new BigInteger(1, first.get()),
                        new BigInteger(1, last.get())));
            }
        }
        return out;
    }

    private static Optional<byte[]> literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress()); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
