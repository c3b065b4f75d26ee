package io.heapsift.model.glibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapsift.event.AllocKind;
import io.heapsift.model.LiveBlocks;
import io.heapsift.model.PlacementBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The replay's live-block table inside the model's chunks behaves like a map from key to block. */
class KeyedChunksTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void behaves_like_a_hash_map_of_the_models_live_blocks(long seed) {
        Random rnd = new Random(seed);
        PtmallocModel m = new PtmallocModel();
        LiveBlocks t = m.liveBlocks();
        PlacementBuffer p = new PlacementBuffer();
        Map<Long, long[]> ref = new HashMap<>(); // key -> {model, size, chunk, stack}
        for (int i = 0; i < 100_000; i++) {
            // clustered 16-byte-aligned keys, like a heap's addresses, to stress probe chains
            long key = 0x555500000000L + 16L * rnd.nextInt(3000);
            if (rnd.nextInt(3) == 0) {
                long[] had = ref.remove(key);
                assertThat(t.remove(key)).isEqualTo(had != null);
                if (had != null) {
                    assertThat(new long[] {t.foundModel, t.foundSize, t.foundChunk, t.foundStack}).containsExactly(had);
                    m.free(1, t.foundModel, t.foundBlock);
                }
            } else {
                long size = 1 + rnd.nextInt(rnd.nextInt(20) == 0 ? 200_000 : 600);
                // the caller's size differs from the model's request now and then (aligned new, pvalloc)
                long callerSize = rnd.nextInt(10) == 0 ? size - 1 : size;
                long a = rnd.nextInt(15) == 0 ? m.memalign(1, 64, size, AllocKind.ALIGNED_ALLOC, i) : m.malloc(1, size, i);
                assertThat(m.placement(a, p)).isTrue();
                long[] old = ref.put(key, new long[] {a, callerSize, p.chunkSize, i});
                assertThat(t.put(key, a, callerSize, p.chunkSize, i, m.lastBlock())).isEqualTo(old != null);
                if (old != null) {
                    assertThat(t.foundModel).isEqualTo(old[0]);
                    assertThat(t.foundSize).isEqualTo(old[1]);
                    m.free(1, t.foundModel, t.foundBlock);
                }
            }
            assertThat(t.size()).isEqualTo(ref.size());
        }
        for (Map.Entry<Long, long[]> e : ref.entrySet()) {
            assertThat(t.get(e.getKey())).isTrue();
            assertThat(new long[] {t.foundModel, t.foundSize, t.foundChunk, t.foundStack}).containsExactly(e.getValue());
        }
        Map<Long, long[]> seen = new HashMap<>();
        t.forEach((k, model, size, stack) -> seen.put(k, new long[] {model, size, stack}));
        assertThat(seen).hasSameSizeAs(ref);
        ref.forEach((k, v) -> assertThat(seen.get(k)).containsExactly(v[0], v[1], v[3]));
        assertThat(m.unknownFrees()).isZero();
    }

    @Test
    void only_the_models_block_at_the_address_can_be_keyed_and_only_one_table_per_model() {
        PtmallocModel m = new PtmallocModel();
        LiveBlocks t = m.liveBlocks();
        long a = m.malloc(1, 100, 7);
        Object block = m.lastBlock();
        assertThatThrownBy(() -> t.put(0x1000, a + 16, 100, 112, 7, block)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.put(0x1000, a, 100, 112, 7, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(m::liveBlocks).isInstanceOf(IllegalStateException.class);
    }
}
