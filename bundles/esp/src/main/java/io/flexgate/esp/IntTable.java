package io.flexgate.esp;

/**
 * An immutable open-addressing map from {@code int} (an SPI, an IPv4 address) to a value: lookups on the
 * packet path neither box nor lock. Changes build a new table (copy on write).
 */
final class IntTable<V> {

    private static final IntTable<Object> EMPTY = new IntTable<>(new int[1], new Object[1]);

    private final int[] keys;
    private final Object[] values;
    private final int mask;

    private IntTable(int[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
    }

    @SuppressWarnings("unchecked")
    static <V> IntTable<V> empty() {
        return (IntTable<V>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        for (int i = mix(key) & mask;; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ h >>> 16;
    }

    /** Collects entries; a later {@code put} of the same key replaces the earlier one. */
    static final class Builder<V> {
        private final java.util.LinkedHashMap<Integer, V> entries = new java.util.LinkedHashMap<>();

        Builder<V> put(int key, V value) {
            entries.put(key, value);
            return this;
        }

        IntTable<V> build() {
            int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 + 1) - 1) << 1;
            int[] keys = new int[capacity];
            Object[] values = new Object[capacity];
            int mask = capacity - 1;
            entries.forEach((k, v) -> {
                int i = mix(k) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = v;
            });
            return new IntTable<>(keys, values);
        }
    }
}
