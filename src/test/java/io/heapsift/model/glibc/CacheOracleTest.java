package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static io.heapsift.model.glibc.Oracle.expectRssDelta;

import org.junit.jupiter.api.Test;

/** Oracle §18.6 (f) tf_cache f1..f4 with defaults, tcache_count=0, mxfast=0 and both. */
class CacheOracleTest {
    private static final int T = 1;
    /** The oracle program keeps its 100000 pointers in a static array: 196 touched .bss pages of RssAnon. */
    private static final long POINTER_ARRAY_KB = 784;
    private static final String START = "135168 1 0 0 0 688 134480 0 134480";

    private static PtmallocModel model(String tunables) {
        PtmallocModel m = new PtmallocModel(ModelConfig.fromGlibcTunables(tunables));
        m.malloc(T, 1, 0);
        expect(m, "start", START);
        return m;
    }

    private static void f1(String tunables, String... rows) {
        PtmallocModel m = model(tunables);
        long[] p = new long[20];
        for (int i = 0; i < 20; i++) {
            p[i] = m.malloc(T, 100, i);
        }
        expect(m, "20 x malloc(100)", rows[0]);
        for (long q : p) {
            m.free(T, q);
        }
        expect(m, "free 20", rows[1]);
        for (int i = 0; i < 7; i++) {
            m.malloc(T, 100, 0);
        }
        expect(m, "7 mallocs", rows[2]);
        m.malloc(T, 100, 0);
        expect(m, "8th malloc", rows[3]);
        m.mallocTrim(T, 0);
        expect(m, "trim", rows[4]);
    }

    @Test
    void f1_tcache_then_fastbin_and_refill() {
        f1("",
            "135168       1      0     0           0        2928      132240         0    132240",
            "135168       1     13     0           0        1472      133696      1456    132240",
            "135168       1     13     0           0        1472      133696      1456    132240",
            "135168       1      5     0           0        2368      132800       560    132240",
            "4096       2      0     0           0        2368        1728         0      1168");
        f1("glibc.malloc.tcache_count=0",
            "135168       1      0     0           0        2928      132240         0    132240",
            "135168       1     20     0           0         688      134480      2240    132240",
            "135168       1     13     0           0        1472      133696      1456    132240",
            "135168       1     12     0           0        1584      133584      1344    132240",
            "4096       2      0     0           0        1584        2512         0      1168");
    }

    private static void f2(String tunables, String... rows) {
        PtmallocModel m = model(tunables);
        long[] p = new long[20];
        for (int i = 0; i < 20; i++) {
            p[i] = m.malloc(T, 500, i);
        }
        expect(m, "20 x malloc(500)", rows[0]);
        for (long q : p) {
            m.free(T, q);
        }
        expect(m, "free 20", rows[1]);
        for (int i = 0; i < 8; i++) {
            m.malloc(T, 500, 0);
        }
        expect(m, "8 x malloc(500)", rows[2]);
    }

    @Test
    void f2_small_chunks_coalesce_except_the_cached_ones() {
        f2("",
            "135168       1      0     0           0       10928      124240         0    124240",
            "135168       1      0     0           0        4272      130896         0    130896",
            "135168       1      0     0           0        4784      130384         0    130384");
        f2("glibc.malloc.tcache_count=0",
            "135168       1      0     0           0       10928      124240         0    124240",
            "135168       1      0     0           0         688      134480         0    134480",
            "135168       1      0     0           0        4784      130384         0    130384");
    }

    private static void f3(String tunables, long anonAfterBig, String... rows) {
        PtmallocModel m = model(tunables);
        long rss0 = m.residentBytes();
        long big = m.malloc(T, 70000, 1);
        long[] p = new long[100000];
        for (int i = 0; i < p.length; i++) {
            p[i] = m.malloc(T, 100, 2);
        }
        expect(m, "big + 100000 x 100", rows[0]);
        expectRssDelta(m, rss0, 112 + POINTER_ARRAY_KB, 11832, 300);
        for (int i = p.length - 1; i >= 0; i--) {
            m.free(T, p[i]);
        }
        expect(m, "freed reverse", rows[1]);
        m.free(T, big);
        expect(m, "free big", rows[2]);
        expectRssDelta(m, rss0, 112 + POINTER_ARRAY_KB, anonAfterBig, 300);
    }

    @Test
    void f3_seven_cached_chunks_next_to_top_pin_eleven_megabytes() {
        f3("", 11836,
            "11354112       1      0     0           0    11270704       83408         0     83408",
            "11354112       1  99993     0           0       71488    11282624  11199216     83408",
            "11354112       2      0     0           0        1472    11352640         0     83408");
        f3("glibc.malloc.tcache_count=0", 956,
            "11354112       1      0     0           0    11270704       83408         0     83408",
            "11354112       1 100000     0           0       70704    11283408  11200000     83408",
            "135168       1      0     0           0         688      134480         0    134480");
        f3("glibc.malloc.mxfast=0", 11836,
            "11354112       1      0     0           0    11270704       83408         0     83408",
            "11354112       2      0     0           0       71488    11282624         0     83408",
            "11354112       2      0     0           0        1472    11352640         0     83408");
        f3("glibc.malloc.mxfast=0:glibc.malloc.tcache_count=0", 956,
            "11354112       1      0     0           0    11270704       83408         0     83408",
            "204800       1      0     0           0       70704      134096         0    134096",
            "135168       1      0     0           0         688      134480         0    134480");
    }

    private static void f4(String tunables, String... rows) {
        PtmallocModel m = model(tunables);
        long rss0 = m.residentBytes();
        long[] p = new long[100000];
        for (int i = 0; i < p.length; i++) {
            p[i] = m.malloc(T, 100, 2);
        }
        expect(m, "100000 x 100", rows[0]);
        for (long q : p) {
            m.free(T, q);
        }
        expect(m, "freed fwd", rows[1]);
        long q = m.malloc(T, 2000, 3);
        expect(m, "malloc(2000)", rows[2]);
        m.free(T, q);
        expect(m, "free(q)", rows[3]);
        expectRssDelta(m, rss0, 112 + POINTER_ARRAY_KB, 1020, 300);
    }

    @Test
    void f4_largebin_request_consolidates_without_trimming_then_next_free_trims() {
        f4("",
            "11218944       1      0     0           0    11200688       18256         0     18256",
            "11218944       1  99993     0           0        1472    11217472  11199216     18256",
            "11218944       1      0     0           0        3488    11215456         0  11215456",
            "135168       1      0     0           0        1472      133696         0    133696");
        f4("glibc.malloc.tcache_count=0",
            "11218944       1      0     0           0    11200688       18256         0     18256",
            "11218944       1 100000     0           0         688    11218256  11200000     18256",
            "11218944       1      0     0           0        2704    11216240         0  11216240",
            "135168       1      0     0           0         688      134480         0    134480");
    }
}
