package io.flexgate.pool;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.net.IpRange;
import java.util.ArrayList;
import java.util.List;

/** Parses and checks the ranges of a pool configuration. */
final class PoolRanges {

    /** More ranges than this in one pool is a configuration mistake, not a deployment. */
    static final int MAX_RANGES_PER_POOL = 64;
    /** Longest accepted range text (two IPv6 literals and a space fit easily). */
    static final int MAX_RANGE_TEXT = 100;

    private PoolRanges() {
    }

    /**
     * Parses {@code "FIRST LAST"} or {@code "FIRST"} entries; an entry may hold several, comma-separated.
     *
     * @throws IllegalArgumentException naming the pool and the bad entry: malformed, reversed, or overlapping
     *                                  another range of the same pool (IOS refuses overlaps too)
     */
    static List<IpRange> parse(String pool, String[] entries) {
        if (entries == null || entries.length == 0) {
            throw new IllegalArgumentException("pool " + pool + " has no range");
        }
        List<String> items = splitCommas(entries);
        if (items.size() > MAX_RANGES_PER_POOL) {
            throw new IllegalArgumentException("pool " + pool + " has " + items.size() + " ranges, more than "
                    + MAX_RANGES_PER_POOL);
        }
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : items) {
            IpRange range = parseOne(pool, entry);
            for (IpRange other : ranges) {
                if (other.overlaps(range)) {
                    throw new IllegalArgumentException("pool " + pool + ": range '" + range + "' overlaps '" + other
                            + "'");
                }
            }
            ranges.add(range);
        }
        return List.copyOf(ranges);
    }

    /** A {@code .cfg} file holds one string: several ranges come comma-separated in it. */
    private static List<String> splitCommas(String[] entries) {
        List<String> items = new ArrayList<>();
        for (String entry : entries) {
            for (String item : (entry == null ? "" : entry).split(",", -1)) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static IpRange parseOne(String pool, String entry) {
        if (entry == null || entry.isBlank() || entry.length() > MAX_RANGE_TEXT) {
            throw new IllegalArgumentException("pool " + pool + ": bad range '" + entry + "'");
        }
        String[] words = entry.trim().split("\\s+");
        if (words.length > 2 || words[0].contains("/") || words[words.length - 1].contains("/")) {
            throw new IllegalArgumentException("pool " + pool + ": range '" + entry
                    + "' is not 'FIRST LAST' or a single address");
        }
        try {
            // IpPrefix.parse of a lone literal is its host prefix: it only accepts literals, never a host name.
            var first = IpPrefix.parse(words[0]).network();
            var last = words.length == 2 ? IpPrefix.parse(words[1]).network() : first;
            return new IpRange(first, last);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool " + pool + ": bad range '" + entry + "': " + e.getMessage(), e);
        }
    }
}
