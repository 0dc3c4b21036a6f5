package io.flexgate.aaa.local;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for configuration values. A {@code .cfg} file carries every value as one string, so list values
 * are also accepted comma-separated in one string ({@code entries = permit 10.0.0.0 0.255.255.255, deny any}).
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The items of a multi-valued attribute, each element also split on commas, trimmed, blanks dropped. */
    static List<String> items(String[] values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        }
        return out;
    }

    /** Like {@link #items} but also splitting on white space (address and domain lists). */
    static List<String> words(String[] values) {
        List<String> out = new ArrayList<>();
        for (String item : items(values)) {
            for (String word : item.split("\\s+")) {
                out.add(word);
            }
        }
        return out;
    }

    /** An address literal; never a DNS lookup. */
    static InetAddress address(String literal) {
        if (literal.contains("/")) {
            throw new IllegalArgumentException("'" + literal + "' is a prefix, not an address");
        }
        return IpPrefix.parse(literal).network();
    }

    static void checkAtMost(String what, List<?> items, int max) {
        if (items.size() > max) {
            throw new IllegalArgumentException(what + ": " + items.size() + " values, at most " + max);
        }
    }
}
