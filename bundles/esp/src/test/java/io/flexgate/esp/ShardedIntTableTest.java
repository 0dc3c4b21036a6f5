package io.flexgate.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ShardedIntTableTest {

    @Test
    void everyKeyOfManyIsFoundUntilItIsRemoved() {
        ShardedIntTable<String> table = new ShardedIntTable<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            table.put(key(i), "v" + i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals("v" + i, table.get(key(i)), "key " + i);
        }
        for (int i = 0; i < n; i += 2) {
            table.remove(key(i), "v" + i);
        }
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                assertNull(table.get(key(i)), "removed key " + i);
            } else {
                assertEquals("v" + i, table.get(key(i)), "kept key " + i);
            }
        }
        assertNull(table.get(0x7fffffff));
    }

    @Test
    void theValuePutLastIsVisibleAndAnEarlierOneComesBackWhenItGoes() {
        ShardedIntTable<String> table = new ShardedIntTable<>();
        table.put(0xc0a80a06, "old");
        table.put(0xc0a80a06, "new");
        assertEquals("new", table.get(0xc0a80a06));
        table.remove(0xc0a80a06, "new");
        assertEquals("old", table.get(0xc0a80a06));
        table.put(0xc0a80a06, "newer");
        table.remove(0xc0a80a06, "old");
        assertEquals("newer", table.get(0xc0a80a06));
        table.remove(0xc0a80a06, "newer");
        assertNull(table.get(0xc0a80a06));
    }

    @Test
    void removingAValueThatIsNotThereChangesNothing() {
        ShardedIntTable<String> table = new ShardedIntTable<>();
        table.put(5, "a");
        table.remove(5, "b");
        table.remove(6, "a");
        assertEquals("a", table.get(5));
    }

    /** Keys like SPIs and consecutive pool addresses, so that both spread over the shards. */
    private static int key(int i) {
        return i % 2 == 0 ? 0xc0a80000 + i : i * 0x9E3779B1;
    }
}
