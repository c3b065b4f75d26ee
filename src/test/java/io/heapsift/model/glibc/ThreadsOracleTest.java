package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static io.heapsift.model.glibc.Oracle.expectRssDelta;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.model.ArenaStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Oracle §18.5 (e) te_threads conc/seq/xfree/trim, tj_heaps and tl_arenas. Thread 1 is main. Each
 * pthread_create adds a 288-byte chunk in the creating thread's arena (calloc here, as a trace would show).
 * The per-thread work of te_threads is 1000 × malloc(1024) then 64 × malloc(65536), freed in the same order.
 */
class ThreadsOracleTest {
    private static final int MAIN = 1;

    static long[] work(PtmallocModel m, int tid) {
        long[] p = new long[1064];
        for (int i = 0; i < 1000; i++) {
            p[i] = m.malloc(tid, 1024, tid);
        }
        for (int i = 0; i < 64; i++) {
            p[1000 + i] = m.malloc(tid, 65536, tid);
        }
        return p;
    }

    static void freeAll(PtmallocModel m, int tid, long[] p) {
        for (long q : p) {
            m.free(tid, q);
        }
    }

    static void pthreadCreate(PtmallocModel m, int creator) {
        m.calloc(creator, 272, -2);
    }

    static void stats(PtmallocModel m, long... systemInUse) {
        List<ArenaStats> s = m.arenaStats();
        assertThat(s).hasSize(systemInUse.length / 2);
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i).systemBytes()).as("arena %d system", i).isEqualTo(systemInUse[2 * i]);
            assertThat(s.get(i).inUseBytes()).as("arena %d in use", i).isEqualTo(systemInUse[2 * i + 1]);
        }
    }

    @Test
    void conc_four_threads_get_four_arenas_trimmed_back_to_132k_each() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(MAIN, 1, 0);
        expect(m, "start", "135168       1      0     0           0         688      134480         0    134480");
        long rss0 = m.residentBytes();
        long[][] p = new long[6][];
        for (int t = 2; t <= 5; t++) {
            pthreadCreate(m, MAIN);
        }
        for (int t = 2; t <= 5; t++) {
            p[t] = work(m, t);
        }
        expect(m, "allocated", "21090304       5      0     0           0    20954800      135504         0    133328");
        stats(m, 135168, 1840, 5238784, 5238240, 5238784, 5238240, 5238784, 5238240, 5238784, 5238240);
        expectRssDelta(m, rss0, 116, 20644, 300);
        for (int t = 2; t <= 5; t++) {
            freeAll(m, t, p[t]);
        }
        expect(m, "freed (alive)", "708608       5      0     0           0       42608      666000         0    133328");
        for (int t = 2; t <= 5; t++) {
            m.threadExit(t);
        }
        expect(m, "joined", "675840       5      0     0           0       10864      664976         0    133328");
        stats(m, 135168, 1840, 135168, 2256, 135168, 2256, 135168, 2256, 135168, 2256);
        expectRssDelta(m, rss0, 116, 712, 300);
        assertThat(m.mallocTrim(MAIN, 0)).isEqualTo(1);
        expect(m, "trim", "544768       5      0     0           0       10864      533904         0      2256");
        stats(m, 4096, 1840, 135168, 2256, 135168, 2256, 135168, 2256, 135168, 2256);
        assertThat(m.footprint().vmDataBytes()).isEqualTo(4096 + 4 * (64L << 20));
    }

    @Test
    void seq_threads_reuse_one_arena_from_the_free_list() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(MAIN, 1, 0);
        for (int t = 2; t <= 5; t++) {
            if (t == 2) {
                pthreadCreate(m, MAIN); // later threads reuse the cached stack and its TLS block
            }
            freeAll(m, t, work(m, t));
            m.threadExit(t);
            expect(m, "thread joined", "270336       2      0     0           0        3232      267104         0    134192");
        }
        stats(m, 135168, 976, 135168, 2256);
        assertThat(m.arenaCount()).isEqualTo(2);
    }

    @Test
    void xfree_main_frees_a_dead_threads_blocks_into_its_own_tcache() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(MAIN, 1, 0);
        pthreadCreate(m, MAIN);
        long[] p = work(m, 2);
        m.threadExit(2);
        expect(m, "thread exited", "5373952       3      0     0           0     5238560      135392         0    134192");
        stats(m, 135168, 976, 5238784, 5237584);
        freeAll(m, MAIN, p);
        expect(m, "main freed", "278528       3      0     0           0       10512      268016         0    134192");
        stats(m, 135168, 976, 143360, 9536);
        m.mallocTrim(MAIN, 0); // fixtures' threads_xfree.native.mallinfo.tsv
        expect(m, "trim", "147456  3 0 0 0 10512 136944 0 3120");
        // the cached foreign chunks are handed to main later
        long q = m.malloc(MAIN, 1024, 0);
        assertThat(m.placement(q).arena()).isEqualTo(1);
    }

    @Test
    void trim_thread_heap_is_shrunk_by_frees_but_not_by_malloc_trim() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(MAIN, 1, 0);
        pthreadCreate(m, MAIN);
        expect(m, "start", "135168       1      0     0           0         976      134192         0    134192");
        long[] p = new long[200];
        for (int i = 0; i < 200; i++) {
            p[i] = m.malloc(2, 65536, 0);
        }
        expect(m, "200 x 64K", "13250560       2      0     0           0    13114288      136272         0    134192");
        stats(m, 135168, 976, 13115392, 13113312);
        for (int i = 199; i >= 100; i--) {
            m.free(2, p[i]);
        }
        expect(m, "upper 100", "6828032       2      0     0           0     6559088      268944         0    134192");
        for (int i = 99; i >= 0; i--) {
            m.free(2, p[i]);
        }
        expect(m, "all", "270336       2      0     0           0        3888      266448         0    134192");
        stats(m, 135168, 976, 135168, 2912);
        m.mallocTrim(2, 0);
        expect(m, "trim", "139264       2      0     0           0        3888      135376         0      3120");
        stats(m, 4096, 976, 135168, 2912);
        m.threadExit(2);
        expect(m, "joined", "139264       2      0     0           0        3232      136032         0      3120");
    }

    @Test
    void second_thread_heap_is_created_and_unmapped_again() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(MAIN, 1, 0);
        pthreadCreate(m, MAIN);
        long rss0 = m.residentBytes();
        long[] p = new long[1600];
        for (int i = 0; i < 1600; i++) {
            p[i] = m.malloc(2, 65536, 0);
        }
        expect(m, "1600 x 64K", "105025536       3      0     0           0   104887168      138368         0    134192");
        stats(m, 135168, 976, 104890368, 104886192);
        assertThat(m.arenaStats().get(1).heaps()).isEqualTo(2);
        expectRssDelta(m, rss0, 112, 102564, 300);
        for (int i = 1599; i >= 800; i--) {
            m.free(2, p[i]);
        }
        expect(m, "upper 800", "52711424       2      0     0           0    52445488      265936         0    134192");
        assertThat(m.arenaStats().get(1).heaps()).isEqualTo(1);
        for (int i = 799; i >= 0; i--) {
            m.free(2, p[i]);
        }
        expect(m, "all", "270336       2      0     0           0        3888      266448         0    134192");
        long big = m.malloc(2, 70L << 20, 0);
        assertThat(m.placement(big).mmapped()).isTrue();
        m.free(2, big);
        m.threadExit(2);
        expect(m, "joined", "270336       2      0     0           0        3232      267104         0    134192");
    }

    @Test
    void arena_count_is_min_threads_plus_one_and_16_on_two_cpus() {
        int[][] cases = {{4, 5}, {8, 9}, {9, 10}, {15, 16}, {16, 16}, {24, 16}, {64, 16}};
        for (int[] c : cases) {
            assertThat(arenasFor(new PtmallocModel(), c[0])).as("%d threads", c[0]).isEqualTo(c[1]);
        }
        assertThat(arenasFor(new PtmallocModel(ModelConfig.parse("MALLOC_ARENA_MAX=4")), 24)).isEqualTo(4);
        assertThat(arenasFor(new PtmallocModel(ModelConfig.parse("arena_test=2")), 24)).isEqualTo(16);
        assertThat(arenasFor(new PtmallocModel(ModelConfig.parse("cpus=1")), 24)).isEqualTo(9);
    }

    @Test
    void the_named_main_thread_gets_the_main_arena_even_if_another_thread_calls_first() {
        PtmallocModel m = new PtmallocModel();
        m.mainThread(MAIN);
        long p = m.malloc(7, 100, 0);
        assertThat(m.placement(p).arena()).isEqualTo(1);
        assertThat(m.placement(m.malloc(MAIN, 100, 0)).arena()).isZero();
        PtmallocModel n = new PtmallocModel();
        assertThat(n.placement(n.malloc(7, 100, 0)).arena()).as("first caller initialises malloc").isZero();
    }

    private static int arenasFor(PtmallocModel m, int threads) {
        m.malloc(MAIN, 1, 0);
        for (int t = 0; t < threads; t++) {
            m.malloc(10 + t, 100, 0);
        }
        return m.arenaCount();
    }

    /**
     * With one shared arena the layout depends on how the threads' calls interleave; the oracle's
     * "allocated" row is reproduced by round-robin interleaving (one call per thread in turn). The later
     * rows (frees while the creating thread still makes TLS blocks) are timing-dependent and not asserted.
     */
    @Test
    void arena_max_1_puts_every_thread_in_the_main_arena() {
        PtmallocModel m = new PtmallocModel(ModelConfig.parse("MALLOC_ARENA_MAX=1"));
        m.malloc(MAIN, 1, 0);
        for (int t = 2; t <= 5; t++) {
            pthreadCreate(m, MAIN);
        }
        for (int i = 0; i < 1000; i++) {
            for (int t = 2; t <= 5; t++) {
                m.malloc(t, 1024, t);
            }
        }
        for (int i = 0; i < 64; i++) {
            for (int t = 2; t <= 5; t++) {
                m.malloc(t, 65536, t);
            }
        }
        assertThat(m.arenaCount()).isEqualTo(1);
        expect(m, "allocated", "21012480       1      0     0           0    20945776       66704         0     66704");
    }

    @Test
    void arena_max_2_spreads_four_threads_two_and_two() {
        PtmallocModel m = new PtmallocModel(ModelConfig.fromGlibcTunables("glibc.malloc.arena_max=2"));
        m.malloc(MAIN, 1, 0);
        for (int t = 2; t <= 5; t++) {
            pthreadCreate(m, MAIN);
        }
        for (int t = 2; t <= 5; t++) {
            work(m, t);
        }
        List<ArenaStats> s = m.arenaStats();
        assertThat(s.get(0).inUseBytes()).isEqualTo(10473808);
        assertThat(s.get(1).inUseBytes()).isEqualTo(10474224);
        assertThat(m.mallinfo().uordblks()).isEqualTo(20948032);
        expect(m, "allocated", "21020672       2      0     0           0    20948032       72640         0     69296");
    }
}
