package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static io.heapsift.model.glibc.Oracle.expectRssDelta;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.event.AllocKind;
import io.heapsift.model.Placement;
import org.junit.jupiter.api.Test;

/** Oracle §18.7 (g) tg_misc: realloc / calloc / memalign, and (k) tk_rss: calloc RSS effects. */
class MiscOracleTest {
    private static final int T = 1;

    /**
     * The keepcost after aligned_alloc(65536, …) depends on the brk base modulo 64 KiB (ASLR; §13.3): the two
     * values the oracle saw, 160448 and 152256, are what a brk base ≡ 0x2000 resp. 0x0000 (mod 64 KiB) gives.
     */
    @Test
    void g_realloc_calloc_memalign() {
        g(ModelConfig.parse("brk_base=0x555555552000"), 160448);
        g(ModelConfig.parse("brk_base=0x555555550000"), 152256);
    }

    private void g(ModelConfig config, long keepcostAfterAligned) {
        PtmallocModel m = new PtmallocModel(config);
        m.malloc(T, 1, 0);
        expect(m, "start", "135168       1      0     0           0         688      134480         0    134480");
        long a = m.malloc(T, 100, 1);
        long a2 = m.realloc(T, a, 1000, 1);
        assertThat(a2).as("grow into top in place").isEqualTo(a);
        assertThat(m.placement(a2).chunkSize()).isEqualTo(1008);
        // tg_misc's mallinfo rows fix the sizes but not the order of two small blocks; posix_memalign's 144-byte
        // chunk (lead 80, i.e. its source chunk ≡ 32 mod 64) shows that one 32-byte chunk lies below the 5000-byte
        // block and the 32-byte guard above it.
        m.malloc(T, 20, 3);
        long b = m.malloc(T, 5000, 2);
        m.malloc(T, 20, 3); // guard against top
        long b2 = m.realloc(T, b, 100, 2);
        assertThat(b2).isEqualTo(b);
        assertThat(m.placement(b2).chunkSize()).isEqualTo(112);
        expect(m, "realloc shrink", "135168       2      0     0           0        1872      133296         0    128400");
        long b3 = m.realloc(T, b2, 3000, 2);
        assertThat(b3).as("grow into the next free chunk").isEqualTo(b);
        assertThat(m.placement(b3).chunkSize()).isEqualTo(3008);
        long b4 = m.realloc(T, b3, 6000, 2);
        assertThat(b4).as("blocked: moved").isNotEqualTo(b3);
        assertThat(m.placement(b4).chunkSize()).isEqualTo(6016);
        expect(m, "realloc move", "135168       2      0     0           0        7776      127392         0    122384");
        long c = m.malloc(T, 1 << 20, 4);
        expect(m, "1 MiB", "135168       2      0     1     1052672        7776      127392         0    122384");
        c = m.realloc(T, c, 2 << 20, 4);
        assertThat(m.placement(c).mmapped()).isTrue();
        assertThat(m.placement(c).chunkSize()).isEqualTo(2101248);
        expect(m, "2 MiB", "135168       2      0     1     2101248        7776      127392         0    122384");
        c = m.realloc(T, c, 100, 4);
        assertThat(m.placement(c).chunkSize()).isEqualTo(4096);
        assertThat(m.usableSize(c)).isEqualTo(4080);
        expect(m, "100", "135168       2      0     1        4096        7776      127392         0    122384");
        m.free(T, c);
        long d = m.malloc(T, 1000, 5);
        m.free(T, d);
        long e = m.calloc(T, 1000, 6);
        assertThat(e).as("calloc never takes from the tcache").isNotEqualTo(d);
        assertThat(m.malloc(T, 1000, 7)).isEqualTo(d);
        long f = m.calloc(T, 300000, 8);
        assertThat(m.placement(f).chunkSize()).isEqualTo(303104);
        m.free(T, f);
        expect(m, "calloc tests", "135168       2      0     0           0        9792      125376         0    122384");
        long g = m.memalign(T, 4096, 100, AllocKind.MEMALIGN, 9);
        assertThat(g % 4096).isZero();
        assertThat(m.placement(g).chunkSize()).isEqualTo(112);
        expect(m, "memalign", "135168       3      0     0           0       10464      124704         0    118128");
        long h = m.memalign(T, 64, 100, AllocKind.POSIX_MEMALIGN, 10);
        assertThat(h % 64).isZero();
        assertThat(m.placement(h).chunkSize()).isEqualTo(144);
        long i = m.memalign(T, 65536, 200000, AllocKind.ALIGNED_ALLOC, 11);
        Placement pi = m.placement(i);
        assertThat(i % 65536).isZero();
        assertThat(pi.mmapped()).isFalse();
        assertThat(pi.chunkSize()).isEqualTo(200016);
        expect(m, "aligned_alloc", "417792       4      0     0           0      210704      207088         0    "
            + keepcostAfterAligned);
        m.free(T, i);
        assertThat(m.mallinfo().arena()).isEqualTo(417792);
        assertThat(m.mallinfo().uordblks()).isEqualTo(10688);
        expect(m, "free aligned_alloc", "417792       3      0     0           0       10688      407104         0    400752");
    }

    @Test
    void k_calloc_leaves_fresh_memory_untouched() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(T, 1, 0);
        expect(m, "start", "135168       1      0     0           0         688      134480         0    134480");
        long rss0 = m.residentBytes();
        long a = m.malloc(T, 64L << 20, 1);
        assertThat(m.mallinfo().hblkhd()).isEqualTo(67112960);
        long b = m.calloc(T, 64L << 20, 2);
        expect(m, "calloc mmap", "135168       1      0     2   134225920         688      134480         0    134480");
        m.free(T, b);
        m.free(T, a);
        assertThat(m.mmapThreshold()).as("64 MiB > 32 MiB: no change").isEqualTo(131072);
        expect(m, "free both", "135168       1      0     0           0         688      134480         0    134480");
        m.mallopt(T, -4, 0); // M_MMAP_MAX = 0: later big requests come from brk
        long c = m.calloc(T, 64L << 20, 3);
        expect(m, "calloc fresh top", "67244032       1      0     0           0    67109568      134464         0    134464");
        expectRssDelta(m, rss0, 116, 252, 100);
        m.free(T, c);
        expect(m, "trimmed", "135168       1      0     0           0         688      134480         0    134480");
        long d = m.malloc(T, 64L << 20, 4);
        expect(m, "malloc 64M", "67244032       1      0     0           0    67109568      134464         0    134464");
        expectRssDelta(m, rss0, 116, 65652, 300);
        m.malloc(T, 100, 5);
        m.free(T, d);
        expect(m, "pinned", "67244032       2      0     0           0         800    67243232         0    134352");
        expectRssDelta(m, rss0, 116, 65652, 300);
        m.calloc(T, 32L << 20, 6);
        expect(m, "calloc reuse", "67244032       2      0     0           0    33555248    33688784         0    134352");
        expectRssDelta(m, rss0, 116, 65652, 300);
        m.mallocTrim(T, 0);
        expect(m, "trim", "67112960       2      0     0           0    33555248    33557712         0      3280");
        expectRssDelta(m, rss0, 116, 32888, 300);
    }
}
