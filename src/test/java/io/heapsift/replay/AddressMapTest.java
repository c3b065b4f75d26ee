package io.heapsift.replay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AddressMapTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void behaves_like_a_hash_map_under_random_puts_and_removes(long seed) {
        Random rnd = new Random(seed);
        AddressMap m = new AddressMap(4);
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // clustered 16-byte-aligned addresses, like a heap, to stress probe chains
            long addr = 0x555500000000L + 16L * rnd.nextInt(5000);
            if (rnd.nextInt(3) == 0) {
                boolean had = ref.remove(addr) != null;
                assertThat(m.remove(addr)).isEqualTo(had);
            } else {
                long v = rnd.nextLong();
                boolean had = ref.put(addr, v) != null;
                assertThat(m.put(addr, v, i, (int) addr)).isEqualTo(had);
            }
            assertThat(m.size()).isEqualTo(ref.size());
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertThat(m.get(e.getKey())).isTrue();
            assertThat(m.foundModel).isEqualTo(e.getValue());
            assertThat(m.foundStack).isEqualTo((int) (long) e.getKey());
        }
        long[] count = {0};
        m.forEach((k, mv, s, st) -> count[0]++);
        assertThat(count[0]).isEqualTo(ref.size());
    }
}
