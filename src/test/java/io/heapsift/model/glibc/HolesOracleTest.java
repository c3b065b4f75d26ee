package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static io.heapsift.model.glibc.Oracle.expectRssDelta;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle §18.4 (d) td_holes SIZE K with the exact n of the oracle (n = 64 MiB / (SIZE + 16)): a pointer array
 * malloc(n × 8), n blocks touched, free all but every K-th (i % K != 0) in order, malloc_trim(0), free the rest
 * in order, malloc_trim(0). Columns: mallinfo2 + RssAnon kB.
 */
class HolesOracleTest {
    private static final int T = 1;

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of(64, 2, new String[] {
                "135168       1      0     1     6713344         656      134512         0    134512 116",
                "67178496       1      0     1     6713344    67109456       69040         0     69040 72204",
                "67178496       1 419423     1     6713344    33555616    33622880  33553840     69040 72204",
                "67112960  419423      0     1     6713344    33555616    33557344         0      3584 72204",
                "67112960  419423 419430     1     6713344        1216    67111744  33554400      3584 72204",
                "4096       8      0     1     6713344        1216        2880         0      2320 6668"}),
            Arguments.of(1000, 2, new String[] {
                "135168       1      0     1      532480         656      134512         0    134512 120",
                "66637824       1      0     1      532480    66581072       56752         0     56752 65656",
                "66637824   33019      0     1      532480    33297920    33339904         0     57760 65656",
                "66580480   33019      0     1      532480    33297920    33282560         0       416 65652",
                "147456       8      0     1      532480        7712      139744         0    132688 776",
                "16384       8      0     1      532480        7712        8672         0      1616 648"}),
            Arguments.of(10000, 2, new String[] {
                "135168       1      0     0           0       54272       80896         0     80896 116",
                "67166208       1      0     0           0    67161472        4736         0      4736 65696",
                "67166208    3350      0     0           0    33607872    33558336         0     14752 65696",
                "67153920    3350      0     0           0    33607872    33546048         0      2464 46428",
                "188416       1      0     0           0       54272      134144         0    134144 260",
                "57344       1      0     0           0       54272        3072         0      3072 164"}),
            Arguments.of(1000, 64, new String[] {
                "135168       1      0     1      532480         656      134512         0    134512 116",
                "66637824       1      0     1      532480    66581072       56752         0     56752 65652",
                "66637824    1033      0     1      532480     1048976    65588848         0     59776 65652",
                "66580480    1033      0     1      532480     1048976    65531504         0      2432 5800",
                "143360       2      0     1      532480        7712      135648         0    134640 652",
                "12288       2      0     1      532480        7712        4576         0      3568 640"}),
            Arguments.of(64, 64, new String[] {
                "135168       1      0     1     6713344         656      134512         0    134512 116",
                "67178496       1      0     1     6713344    67109456       69040         0     69040 72204",
                "67178496       1 825745     1     6713344     1049856    66128640  66059600     69040 72204",
                "67108864   13108      0     1     6713344     1049856    66059008         0       288 59096",
                "67108864   13108  13108     1     6713344        1216    67107648   1048640       288 59096",
                "4096       2      0     1     6713344        1216        2880         0      2800 6668"}));
    }

    @ParameterizedTest(name = "size {0} keep 1/{1}")
    @MethodSource("cases")
    void holes(int size, int k, String[] rows) {
        PtmallocModel m = new PtmallocModel();
        int n = (int) ((64L << 20) / (size + 16));
        long ptrs = m.malloc(T, n * 8L, 1);
        expect(m, "start", rows[0]);
        // the oracle program writes the pointer array only while allocating; the model's policy touched it at once
        long rss0 = m.residentBytes() - Math.max(0, m.mallinfo().hblkhd() - 4096);
        long anon0 = anon(rows[0]);
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = m.malloc(T, size, 2);
        }
        check(m, "allocated", rows[1], rss0, anon0);
        for (int i = 0; i < n; i++) {
            if (i % k != 0) {
                m.free(T, p[i]);
            }
        }
        check(m, "freed all but 1/k", rows[2], rss0, anon0);
        m.mallocTrim(T, 0);
        check(m, "trim", rows[3], rss0, anon0);
        for (int i = 0; i < n; i += k) {
            m.free(T, p[i]);
        }
        check(m, "freed rest", rows[4], rss0, anon0);
        m.mallocTrim(T, 0);
        check(m, "trim 2", rows[5], rss0, anon0);
        m.free(T, ptrs);
    }

    private static void check(PtmallocModel m, String step, String row, long rss0, long anon0) {
        expect(m, step, row);
        expectRssDelta(m, rss0, anon0, anon(row), 300);
    }

    private static long anon(String row) {
        String[] f = row.trim().split("\\s+");
        return Long.parseLong(f[9]);
    }
}
