package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.model.Placement;
import org.junit.jupiter.api.Test;

/** Oracle §18.0 (t0_basics, t0b_firstbig, tm_dynmax). */
class BasicsOracleTest {

    @Test
    void before_any_malloc_everything_is_zero_but_the_empty_top() {
        PtmallocModel m = new PtmallocModel();
        expect(m, "empty", "0 1 0 0 0 0 0 0 0");
    }

    @Test
    void first_malloc_creates_tcache_struct_and_132k_of_brk() {
        PtmallocModel m = new PtmallocModel();
        long p = m.malloc(1, 1, 7);
        expect(m, "after malloc(1)", "135168 1 0 0 0 688 134480 0 134480");
        Placement pl = m.placement(p);
        assertThat(pl.arena()).isZero();
        assertThat(pl.heapOffset()).isEqualTo(656 + 16);
        assertThat(pl.chunkSize()).isEqualTo(32);
    }

    @Test
    void chunk_and_usable_sizes_match_glibc() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(1, 1, 0);
        long[][] table = {{0, 32, 24}, {1, 32, 24}, {24, 32, 24}, {25, 48, 40}, {40, 48, 40}, {41, 64, 56},
            {56, 64, 56}, {100, 112, 104}, {120, 128, 120}, {121, 144, 136}, {1032, 1040, 1032}, {1033, 1056, 1048},
            {4096, 4112, 4104}, {65536, 65552, 65544}, {131048, 131056, 131048}};
        for (long[] row : table) {
            long p = m.malloc(1, row[0], 0);
            assertThat(m.placement(p).chunkSize()).as("chunk of %d", row[0]).isEqualTo(row[1]);
            assertThat(m.usableSize(p)).as("usable of %d", row[0]).isEqualTo(row[2]);
            assertThat(m.placement(p).mmapped()).isFalse();
            m.free(1, p);
        }
    }

    @Test
    void requests_near_the_threshold_depend_only_on_top_size() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(1, 1, 0);
        long big = m.malloc(1, 131049, 0); // nb 131072 fits in the initial top (134480)
        assertThat(m.placement(big).mmapped()).isFalse();
        assertThat(m.placement(big).chunkSize()).isEqualTo(131072);
        long a = m.malloc(1, 131056, 0);
        long b = m.malloc(1, 131072, 0);
        assertThat(m.placement(a).mmapped()).isTrue();
        assertThat(m.placement(a).chunkSize()).isEqualTo(135168);
        assertThat(m.usableSize(a)).isEqualTo(135152);
        assertThat(m.placement(b).chunkSize()).isEqualTo(135168);
        long c = m.malloc(1, 200000, 0);
        assertThat(m.placement(c).chunkSize()).isEqualTo(200704);
        assertThat(m.usableSize(c)).isEqualTo(200688);
        long d = m.malloc(1, 1 << 20, 0);
        assertThat(m.placement(d).chunkSize()).isEqualTo(1052672);
        assertThat(m.usableSize(d)).isEqualTo(1052656);
        assertThat(m.mallinfo().hblks()).isEqualTo(4);
    }

    @Test
    void top_pad_zero_first_big_malloc() {
        PtmallocModel m = new PtmallocModel(ModelConfig.fromGlibcTunables("glibc.malloc.top_pad=0"));
        m.malloc(1, 100000, 0);
        assertThat(m.mallinfo().arena()).isEqualTo(102400);
        assertThat(m.mallinfo().keepcost()).isEqualTo(1728);
    }

    @Test
    void freeing_exactly_32MiB_mmapped_does_not_raise_the_threshold() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(1, 1, 0);
        long p = m.malloc(1, (32 << 20) - 24, 0); // mapping of exactly 32 MiB
        assertThat(m.placement(p).chunkSize()).isEqualTo(32 << 20);
        m.free(1, p);
        assertThat(m.placement(m.malloc(1, 1 << 20, 0)).mmapped()).isTrue();

        PtmallocModel n = new PtmallocModel();
        n.malloc(1, 1, 0);
        long q = n.malloc(1, (32 << 20) - 4096 - 24, 0);
        assertThat(n.placement(q).chunkSize()).isEqualTo((32 << 20) - 4096);
        n.free(1, q);
        assertThat(n.mmapThreshold()).isEqualTo((32 << 20) - 4096);
        assertThat(n.trimThreshold()).isEqualTo(2L * ((32 << 20) - 4096));
        assertThat(n.placement(n.malloc(1, 1 << 20, 0)).mmapped()).isFalse();
    }
}
