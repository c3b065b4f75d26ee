package io.heapsift.model.glibc;

import static io.heapsift.model.glibc.Oracle.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.event.AllocKind;
import org.junit.jupiter.api.Test;

/**
 * fixtures/workloads/wl_realloc.c through the API; expected rows are fixtures' realloc.native.mallinfo.tsv
 * (glibc 2.36 on this machine). Unlike tg_misc, the guard here is malloc(50) right after the 5000-byte block.
 */
class WlReallocTest {
    private static final int T = 1;

    @Test
    void matches_glibc_at_every_checkpoint() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(T, 1, 0);
        expect(m, "start", "135168 1 0 0 0 688 134480 0 134480");
        long a = m.malloc(T, 100, 1);
        a = m.realloc(T, a, 1000, 1);
        long b = m.malloc(T, 5000, 2);
        long guard = m.malloc(T, 50, 3);
        b = m.realloc(T, b, 100, 2);
        expect(m, "realloc_shrink", "135168 2 0 0 0 1872 133296 0 128400");
        b = m.realloc(T, b, 3000, 2);
        b = m.realloc(T, b, 6000, 2);
        expect(m, "realloc_move", "135168 2 0 0 0 7776 127392 0 122384");
        long mm = m.malloc(T, 1 << 20, 4);
        expect(m, "malloc_1mib_mmap", "135168 2 0 1 1052672 7776 127392 0 122384");
        mm = m.realloc(T, mm, 2 << 20, 4);
        expect(m, "realloc_2mib_mremap", "135168 2 0 1 2101248 7776 127392 0 122384");
        mm = m.realloc(T, mm, 100, 4);
        expect(m, "realloc_100_mmapped", "135168 2 0 1 4096 7776 127392 0 122384");
        m.free(T, mm);
        long x = m.malloc(T, 1000, 5);
        m.free(T, x);
        long y = m.calloc(T, 1000, 6);
        long z = m.malloc(T, 1000, 7);
        assertThat(z).isEqualTo(x);
        long cbig = m.calloc(T, 300000, 8);
        m.free(T, cbig);
        expect(m, "calloc_tests", "135168 2 0 0 0 9792 125376 0 122384");
        long al1 = m.memalign(T, 4096, 100, AllocKind.MEMALIGN, 9);
        expect(m, "memalign_4096_100", "135168 3 0 0 0 10464 124704 0 118128");
        long al2 = m.memalign(T, 64, 100, AllocKind.POSIX_MEMALIGN, 10);
        long al3 = m.memalign(T, 4096, 200000, AllocKind.ALIGNED_ALLOC, 11);
        expect(m, "posix_memalign_aligned_alloc", "356352 4 0 0 0 211424 144928 0 135152");
        m.free(T, al3);
        expect(m, "aligned_alloc_freed", "356352 4 0 0 0 11408 344944 0 135152");
        long v = m.memalign(T, 0, 5000, AllocKind.VALLOC, 12);
        long pv = m.memalign(T, 0, 5000, AllocKind.PVALLOC, 13);
        long ra = m.realloc(T, 0, 400, 14);
        ra = m.realloc(T, ra, 4000, 14);
        long rn = m.realloc(T, 0, 200, 15);
        long smallAl = m.memalign(T, 16, 40, AllocKind.MEMALIGN, 16);
        long pm16 = m.memalign(T, 16, 24, AllocKind.POSIX_MEMALIGN, 17);
        assertThat(m.realloc(T, rn, 0, 15)).isZero();
        expect(m, "family", "356352 6 0 0 0 30016 326336 0 135152");
        for (long p : new long[] {v, pv, ra, smallAl, pm16, al1, al2, a, b, guard, y, z}) {
            m.free(T, p);
        }
        expect(m, "all_freed", "356352 5 0 0 0 6768 349584 0 135152");
        m.mallocTrim(T, 0);
        expect(m, "trim", "225280 5 0 0 0 6768 218512 0 4080");
    }
}
