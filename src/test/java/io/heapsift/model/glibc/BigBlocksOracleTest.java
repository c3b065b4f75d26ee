package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static io.heapsift.model.glibc.Oracle.expectRssDelta;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Oracles §18.1 (a) ta_64k, §18.2 (b) tb_128k, §18.3 (c) tc_thr256. RSS compared with RssAnon deltas. */
class BigBlocksOracleTest {
    private static final int T = 1;
    private static final long TOL_KB = 300;

    private static long[] allocate(PtmallocModel m, int n, long size) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = m.malloc(T, size, i);
        }
        return p;
    }

    @Test
    void a_fwd_frees_build_one_free_chunk_until_the_last_merges_into_top() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(T, 1, 0);
        expect(m, "start", "135168       1      0     0           0         688      134480         0    134480");
        long rss0 = m.residentBytes();
        long[] p = allocate(m, 2048, 65536);
        expect(m, "alloc", "134320128       1      0     0           0   134251184       68944         0     68944");
        expectRssDelta(m, rss0, 112, 131232, TOL_KB);
        for (int i = 0; i < 1024; i++) {
            m.free(T, p[i]);
        }
        expect(m, "lower half", "134320128       2      0     0           0    67125936    67194192         0     68944");
        expectRssDelta(m, rss0, 112, 131232, TOL_KB);
        for (int i = 1024; i < 2048; i++) {
            m.free(T, p[i]);
        }
        expect(m, "all", "135168       1      0     0           0         688      134480         0    134480");
        expectRssDelta(m, rss0, 112, 256, TOL_KB);
        assertThat(m.mallocTrim(T, 0)).isEqualTo(1);
        expect(m, "trim", "4096       1      0     0           0         688        3408         0      3408");
        expectRssDelta(m, rss0, 112, 128, TOL_KB);
    }

    @Test
    void a_rev_frees_trim_on_every_free_once_top_is_big() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(T, 1, 0);
        long rss0 = m.residentBytes();
        long[] p = allocate(m, 2048, 65536);
        for (int i = 2047; i >= 1024; i--) {
            m.free(T, p[i]);
        }
        expect(m, "upper half", "67260416       1      0     0           0    67125936      134480         0    134480");
        expectRssDelta(m, rss0, 116, 65812, TOL_KB);
        for (int i = 1023; i >= 0; i--) {
            m.free(T, p[i]);
        }
        expect(m, "all", "135168       1      0     0           0         688      134480         0    134480");
        m.mallocTrim(T, 0);
        expect(m, "trim", "4096       1      0     0           0         688        3408         0      3408");
    }

    @Test
    void a_pin_keeps_the_free_chunk_from_top_and_tcache_keeps_pinning() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(T, 1, 0);
        long rss0 = m.residentBytes();
        long[] p = allocate(m, 2048, 65536);
        long pin = m.malloc(T, 100, 99);
        expect(m, "alloc", "134320128       1      0     0           0   134251296       68832         0     68832");
        for (int i = 0; i < 1024; i++) {
            m.free(T, p[i]);
        }
        expect(m, "lower half", "134320128       2      0     0           0    67126048    67194080         0     68832");
        for (int i = 1024; i < 2048; i++) {
            m.free(T, p[i]);
        }
        expect(m, "all", "134320128       2      0     0           0         800   134319328         0     68832");
        expectRssDelta(m, rss0, 112, 131232, TOL_KB);
        assertThat(m.mallocTrim(T, 0)).isEqualTo(1);
        expect(m, "trim", "134254592       2      0     0           0         800   134253792         0      3296");
        expectRssDelta(m, rss0, 112, 132, TOL_KB);
        m.free(T, pin);
        expect(m, "free pin", "134254592       2      0     0           0         800   134253792         0      3296");
        m.mallocTrim(T, 0);
        expect(m, "2nd trim", "134254592       2      0     0           0         800   134253792         0      3296");
    }

    @Test
    void b_dynamic_threshold_moves_round_two_to_brk() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(T, 1, 0);
        long rss0 = m.residentBytes();
        long[] p = allocate(m, 2048, 131072);
        expect(m, "round1", "135168       1      0  2047   276688896      131776        3392         0      3392");
        expectRssDelta(m, rss0, 112, 270460, TOL_KB);
        for (long q : p) {
            m.free(T, q);
        }
        expect(m, "round1 freed", "135168       1      0     0           0         688      134480         0    134480");
        assertThat(m.mmapThreshold()).isEqualTo(135168);
        assertThat(m.trimThreshold()).isEqualTo(270336);
        p = allocate(m, 2048, 131072);
        expect(m, "round2", "268603392       1      0     0           0   268468912      134480         0    134480");
        expectRssDelta(m, rss0, 112, 262304, TOL_KB);
        for (long q : p) {
            m.free(T, q);
        }
        expect(m, "round2 freed", "135168       1      0     0           0         688      134480         0    134480");
        long q = m.malloc(T, 135168, 0);
        assertThat(m.placement(q).mmapped()).isTrue();
        long r = m.malloc(T, 135144, 0);
        assertThat(m.placement(r).mmapped()).isFalse();
        expect(m, "q,r", "270336       1      0     1      139264      135840      134496         0    134496");
        m.free(T, q);
        m.free(T, r);
        assertThat(m.mmapThreshold()).isEqualTo(139264);
        expect(m, "free q,r", "270336       1      0     0           0         688      269648         0    269648");
        m.mallocTrim(T, 0);
        expect(m, "trim", "4096       1      0     0           0         688        3408         0      3408");
    }

    @Test
    void b_frozen_threshold_keeps_round_two_mmapped() {
        for (String t : new String[] {"glibc.malloc.mmap_threshold=131072", "glibc.malloc.top_pad=131072"}) {
            PtmallocModel m = new PtmallocModel(ModelConfig.fromGlibcTunables(t));
            m.malloc(T, 1, 0);
            for (long q : allocate(m, 2048, 131072)) {
                m.free(T, q);
            }
            allocate(m, 2048, 131072);
            assertThat(m.mallinfo().hblks()).as(t).isEqualTo(2047);
        }
        PtmallocModel m = new PtmallocModel(ModelConfig.parse("MALLOC_MMAP_MAX_=65536"));
        m.malloc(T, 1, 0);
        for (long q : allocate(m, 2048, 131072)) {
            m.free(T, q);
        }
        allocate(m, 2048, 131072);
        assertThat(m.mallinfo().hblks()).isEqualTo(2047);
    }

    @Test
    void c_mallopt_threshold_256k_and_malloc_trim_madvises_the_big_free_chunk() {
        PtmallocModel m = new PtmallocModel();
        assertThat(m.mallopt(T, -3, 256 * 1024)).isEqualTo(1);
        expect(m, "start", "0       1      0     0           0           0           0         0         0");
        long[] p = allocate(m, 1024, 131072);
        expect(m, "alloc", "134369280       1      0     0           0   134234768      134512         0    134512");
        long rss0 = 0;
        for (int i = 0; i < 1023; i++) {
            m.free(T, p[i]);
        }
        expect(m, "all but last", "134369280       2      0     0           0      131744   134237536         0    134512");
        expectRssDelta(m, rss0, 0, 131208, TOL_KB);
        assertThat(m.mallocTrim(T, 0)).isEqualTo(1);
        expect(m, "trim", "134238208       2      0     0           0      131744   134106464         0      3440");
        expectRssDelta(m, rss0, 0, 252, TOL_KB);
        m.free(T, p[1023]);
        expect(m, "free last", "135168       1      0     0           0         656      134512         0    134512");
        long big = m.malloc(T, 300 * 1024, 0);
        expect(m, "300K", "135168       1      0     1      311296         656      134512         0    134512");
        m.free(T, big);
        big = m.malloc(T, 300 * 1024, 0);
        expect(m, "300K again", "135168       1      0     1      311296         656      134512         0    134512");
        m.free(T, big);
        expect(m, "free", "135168       1      0     0           0         656      134512         0    134512");
        m.mallocTrim(T, 0);
        expect(m, "trim", "4096       1      0     0           0         656        3440         0      3440");
    }
}
