package io.flexgate.ikev2.message;

import java.util.HashMap;
import java.util.Map;

/**
 * The names of one IANA registry, filled while its value class initialises its constants and read-only
 * afterwards. Unknown numbers are legal values (open registries, as in Netty's {@code DnsRecordType}):
 * they are named by their number.
 */
final class IanaNames {

    private final String registry;
    private final int max;
    private final Map<Integer, String[]> names = new HashMap<>();

    IanaNames(String registry, int max) {
        this.registry = registry;
        this.max = max;
    }

    /** Registers a name and a short form for log summaries (strongSwan's abbreviations); returns value. */
    int add(int value, String name, String shortName) {
        names.put(value, new String[] {name, shortName});
        return value;
    }

    int add(int value, String name) {
        return add(value, name, name);
    }

    /** Range of the wire field; a value outside it is a programming error, never a decoding result. */
    void checkRange(int value) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(registry + " " + value + " out of range 0.." + max);
        }
    }

    boolean isKnown(int value) {
        return names.containsKey(value);
    }

    String name(int value) {
        String[] n = names.get(value);
        return n == null ? registry + "(" + value + ")" : n[0];
    }

    String shortName(int value) {
        String[] n = names.get(value);
        return n == null ? Integer.toString(value) : n[1];
    }
}
