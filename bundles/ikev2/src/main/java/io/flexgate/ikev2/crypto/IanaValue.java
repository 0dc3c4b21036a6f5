package io.flexgate.ikev2.crypto;

import java.util.HashMap;
import java.util.Map;

/**
 * A number from an IANA IKEv2 registry with its registry name. The registries are open: a value nobody
 * assigned yet still decodes (as {@code UNASSIGNED_<n>}) so that a proposal carrying it can be skipped
 * instead of failing the whole message. Two values are equal when they are of the same registry and number.
 */
public abstract class IanaValue {

    private final int value;
    private final String name;

    protected IanaValue(int value, String name) {
        this.value = value;
        this.name = name;
    }

    /** The number on the wire. */
    public final int value() {
        return value;
    }

    /** The IANA name ({@code ENCR_AES_GCM_16}), or {@code UNASSIGNED_<n>}. */
    public final String name() {
        return name;
    }

    static String unassigned(int value) {
        return "UNASSIGNED_" + value;
    }

    @SafeVarargs
    static <T extends IanaValue> Map<Integer, T> index(T... values) {
        Map<Integer, T> byValue = new HashMap<>();
        for (T v : values) {
            if (byValue.put(v.value(), v) != null) {
                throw new IllegalStateException("duplicate " + v);
            }
        }
        return Map.copyOf(byValue);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((IanaValue) o).value == value;
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + value;
    }

    @Override
    public final String toString() {
        return name + "(" + value + ")";
    }
}
