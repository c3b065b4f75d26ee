package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.event.AllocKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Address-level oracle (written for the model, run on this machine with glibc 2.36): every returned pointer
 * as an offset from the sbrk base (main arena) or within its 64 MiB heap (thread). Exercises large-bin best fit
 * with size groups, the binmap scan and last_remainder, memalign splits, fastbin consolidation order, calloc and
 * realloc, and a thread arena. The C program is src/test/resources/io/heapsift/model/glibc/oracle/order.c (gcc -O0 -fno-builtin -pthread),
 * its output order.out.
 */
class PlacementOracleTest {
    private static final int MAIN = 1;
    private static final int THREAD = 2;
    private static final long BASE = ModelConfig.DEFAULT_BRK_BASE;

    private final Map<String, Long> seen = new LinkedHashMap<>();
    private PtmallocModel m;

    private long main(String label, long p) {
        seen.put(label, p - BASE);
        return p;
    }

    private long thread(String label, long p) {
        seen.put(label, p & ((64L << 20) - 1));
        return p;
    }

    @Test
    void pointers_land_where_glibc_puts_them() {
        m = new PtmallocModel();
        main("first", m.malloc(MAIN, 1, 0));
        long[] sizes = {5000, 4600, 4600, 4800, 4200, 10000, 9000, 1100, 1100, 1200};
        long[] c = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            c[i] = m.malloc(MAIN, sizes[i], i);
            m.malloc(MAIN, 24, 99);
        }
        for (long p : c) {
            m.free(MAIN, p);
        }
        main("big", m.malloc(MAIN, 20000, 0));
        main("x1_4500", m.malloc(MAIN, 4500, 0));
        main("x2_4500", m.malloc(MAIN, 4500, 0));
        main("x3_4500", m.malloc(MAIN, 4500, 0));
        main("x4_100", m.malloc(MAIN, 100, 0));
        main("x5_100", m.malloc(MAIN, 100, 0));
        main("x6_200", m.malloc(MAIN, 200, 0));
        long x7 = main("x7_1100", m.malloc(MAIN, 1100, 0));
        main("x8_8000", m.malloc(MAIN, 8000, 0));
        long x9 = main("x9_3000", m.malloc(MAIN, 3000, 0));
        main("m1_memalign1024", m.memalign(MAIN, 1024, 3000, AllocKind.MEMALIGN, 0));
        main("m2_memalign64", m.memalign(MAIN, 64, 50, AllocKind.MEMALIGN, 0));
        main("m3_aligned4096", m.memalign(MAIN, 4096, 10000, AllocKind.ALIGNED_ALLOC, 0));
        long[] f = new long[20];
        for (int i = 0; i < 20; i++) {
            f[i] = m.malloc(MAIN, 40 + (i % 3) * 16, 0);
        }
        for (long p : f) {
            m.free(MAIN, p);
        }
        main("y1_2000", m.malloc(MAIN, 2000, 0));
        main("y2_40", m.malloc(MAIN, 40, 0));
        main("y3_56", m.malloc(MAIN, 56, 0));
        main("y4_72", m.malloc(MAIN, 72, 0));
        main("y5_calloc72", m.calloc(MAIN, 72, 0));
        main("r1_realloc", m.realloc(MAIN, x9, 5000, 0));
        main("r2_realloc_shrink", m.realloc(MAIN, x7, 500, 0));
        m.calloc(MAIN, 272, -2); // pthread_create's TLS block
        thread("thread_first", m.malloc(THREAD, 100, 0));
        long[] q = new long[10];
        for (int i = 0; i < 10; i++) {
            q[i] = m.malloc(THREAD, 2000 + 100 * i, 0);
        }
        for (int i = 0; i < 10; i += 2) {
            m.free(THREAD, q[i]);
        }
        thread("thread_r", m.malloc(THREAD, 2100, 0));
        thread("thread_memalign", m.memalign(THREAD, 256, 1000, AllocKind.MEMALIGN, 0));
        m.threadExit(THREAD);
        main("z_after_thread", m.malloc(MAIN, 300, 0));

        Map<String, Long> glibc = new LinkedHashMap<>();
        String[] out = {"first 672", "big 46752", "x1_4500 10384", "x2_4500 5744", "x3_4500 15024", "x4_100 19536",
            "x5_100 19648", "x6_200 44352", "x7_1100 43200", "x8_8000 34160", "x9_3000 19872",
            "m1_memalign1024 1024", "m2_memalign64 44608", "m3_aligned4096 69632", "y1_2000 66768", "y2_40 4864",
            "y3_56 4912", "y4_72 4784", "y5_calloc72 4976", "r1_realloc 24112", "r2_realloc_shrink 43200",
            "thread_first 2928", "thread_r 7168", "thread_memalign 3072", "z_after_thread 704"};
        for (String s : out) {
            String[] kv = s.split(" ");
            glibc.put(kv[0], Long.parseLong(kv[1]));
        }
        assertThat(seen).containsExactlyEntriesOf(glibc);
        expect(m, "end", "270336 15 1 0 0 85024 185312 32 55536");
    }
}
