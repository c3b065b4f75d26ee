package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * malloc_info / malloc_stats text against glibc 2.36 on this machine: oracle/info.c (the same calls) printed
 * mallinfo2, malloc_info(0, stderr) and malloc_stats() into oracle/info.out.
 */
class ReportsOracleTest {
    private static final int MAIN = 1;
    private static final int THREAD = 2;

    @Test
    void malloc_info_and_malloc_stats_print_what_glibc_prints() throws IOException {
        PtmallocModel m = new PtmallocModel();
        m.malloc(MAIN, 1, 0);
        long[] a = new long[40];
        for (int i = 0; i < 40; i++) {
            a[i] = m.malloc(MAIN, i < 20 ? 100 : 2000, 1);
            m.malloc(MAIN, 24, 2);
        }
        for (long p : a) {
            m.free(MAIN, p);
        }
        m.free(MAIN, m.malloc(MAIN, 5000, 3));
        m.malloc(MAIN, 500000, 4);
        long[] s = new long[8];
        for (int i = 0; i < 8; i++) {
            s[i] = m.malloc(MAIN, 56, 5);
            m.malloc(MAIN, 24, 6);
        }
        for (long p : s) {
            m.free(MAIN, p);
        }
        m.calloc(MAIN, 272, -2); // pthread_create
        long[] p = new long[8];
        for (int i = 0; i < 8; i++) {
            p[i] = m.malloc(THREAD, 3000, 7);
        }
        for (int i = 0; i < 8; i += 2) {
            m.free(THREAD, p[i]);
        }
        m.malloc(THREAD, 100, 8);
        m.threadExit(THREAD);

        String out;
        try (InputStream in = getClass().getResourceAsStream("oracle/info.out")) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        int nl = out.indexOf('\n');
        expect(m, "state", out.substring(0, nl));
        int stats = out.indexOf("Arena 0:");
        assertThat(m.mallocInfo()).isEqualTo(out.substring(nl + 1, stats));
        assertThat(m.mallocStats()).isEqualTo(out.substring(stats));
    }
}
