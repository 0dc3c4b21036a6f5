package io.flexgate.esp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A map from {@code int} to a value for the packet path, split into {@link #SHARDS} immutable {@link IntTable}s:
 * lookups neither box nor lock, and a change rebuilds only the shard of its key, so that adding or removing one
 * SA costs O(n / SHARDS) rather than O(n) (with 100,000 sessions a full copy per change would be quadratic).
 * Several values may be put under one key (two CHILD_SAs covering the same address during a rekey); the one put
 * last is visible until it is removed. Writers serialise on their own lock (the caller's); readers see each
 * shard through a volatile read.
 */
final class ShardedIntTable<V> {

    static final int SHARDS = 256;

    private final AtomicReferenceArray<IntTable<V>> visible = new AtomicReferenceArray<>(SHARDS);
    /** Writer side: per shard, the values of each key in the order they were put. */
    private final List<Map<Integer, List<V>>> owners = new ArrayList<>(SHARDS);

    ShardedIntTable() {
        for (int i = 0; i < SHARDS; i++) {
            visible.set(i, IntTable.empty());
            owners.add(new LinkedHashMap<>());
        }
    }

    V get(int key) {
        return visible.get(shard(key)).get(key);
    }

    /** Makes {@code value} the visible value of {@code key}. */
    void put(int key, V value) {
        int shard = shard(key);
        owners.get(shard).computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        republish(shard);
    }

    /** Takes {@code value} away from {@code key}; an earlier value of the key becomes visible again. */
    void remove(int key, V value) {
        int shard = shard(key);
        Map<Integer, List<V>> map = owners.get(shard);
        List<V> values = map.get(key);
        if (values == null || !values.remove(value)) {
            return;
        }
        if (values.isEmpty()) {
            map.remove(key);
        }
        republish(shard);
    }

    private void republish(int shard) {
        IntTable.Builder<V> table = new IntTable.Builder<>();
        owners.get(shard).forEach((k, values) -> table.put(k, values.get(values.size() - 1)));
        visible.set(shard, table.build());
    }

    private static int shard(int key) {
        int h = key * 0x85EBCA6B;
        return (h ^ h >>> 15) & (SHARDS - 1);
    }
}
