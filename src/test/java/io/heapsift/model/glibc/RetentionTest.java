package io.heapsift.model.glibc;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.model.RetentionReport;
import io.heapsift.model.RetentionReport.ArenaRetention;
import io.heapsift.model.RetentionReport.Pin;
import io.heapsift.model.RetentionReport.PinKind;
import org.junit.jupiter.api.Test;

/** The retention report on oracle (a) "pin": numbers worked out by hand from the chunk layout. */
class RetentionTest {
    private static final int T = 1;

    @Test
    void pin_above_a_134_MB_run_blocks_it_and_the_edges_stay_pinned() {
        PtmallocModel m = new PtmallocModel();
        long first = m.malloc(T, 1, 7); // chunk [656, 688)
        long[] p = new long[2048];
        for (int i = 0; i < p.length; i++) {
            p[i] = m.malloc(T, 65536, 1); // [688, 134251184)
        }
        long pin = m.malloc(T, 100, 99); // [134251184, 134251296)
        for (long q : p) {
            m.free(T, q);
        }
        ArenaRetention a = m.retention().arenas().get(0);
        long run = 2048L * 65552;
        assertThat(a.runCount()).isEqualTo(1);
        assertThat(a.topBytes()).isEqualTo(68832);
        assertThat(a.freeBytes()).isEqualTo(run + 68832);
        // madvise: [ALIGN_UP(688 + 48), ALIGN_DOWN(134251184)) = [4096, 134250496); systrim(0): 65536 of top
        assertThat(a.releasableBytes()).isEqualTo(134250496L - 4096 + 65536);
        assertThat(a.releasableResidentBytes()).isEqualTo(a.releasableBytes() - 65536); // top above brk never written
        assertThat(a.pinnedBytes()).isEqualTo((4096 - 688) + (134251184L - 134250496));
        assertThat(a.topKeptBytes()).isEqualTo(3296);
        assertThat(a.pins()).containsExactly(
            new Pin(first, 7, PinKind.LIVE, 32, 0, 4096 - 688),
            new Pin(pin, 99, PinKind.LIVE, 112, run, 688));
        assertThat(m.footprint().trimmableBytes()).isEqualTo(a.releasableResidentBytes() + 65536);

        m.mallocTrim(T, 0);
        a = m.retention().arenas().get(0);
        assertThat(a.releasableBytes()).as("still madvisable, but nothing resident").isEqualTo(134250496L - 4096);
        assertThat(a.releasableResidentBytes()).isZero();
        assertThat(m.footprint().trimmableBytes()).isZero();

        m.free(T, pin); // into the tcache: still pins
        RetentionReport r = m.retention();
        assertThat(r.arenas().get(0).pins()).last()
            .isEqualTo(new Pin(pin, 99, PinKind.TCACHE, 112, run, 688));
        assertThat(r.arenas().get(0).cachedBytes()).isEqualTo(112);
    }

    @Test
    void a_thread_heap_run_is_blocked_by_the_chunk_above_and_fenceposts_are_internal_pins() {
        PtmallocModel m = new PtmallocModel();
        m.malloc(1, 1, 0);
        long[] p = new long[3];
        for (int i = 0; i < 3; i++) {
            p[i] = m.malloc(2, 50000, 10 + i);
        }
        m.free(2, p[1]);
        ArenaRetention t = m.retention().arenas().get(1);
        assertThat(t.runCount()).isEqualTo(1);
        Pin above = t.pins().stream().filter(x -> x.blockedBytes() > 0).findFirst().orElseThrow();
        assertThat(above.address()).isEqualTo(p[2]);
        assertThat(above.blockedBytes()).isEqualTo(50016);
        assertThat(t.topKeptBytes()).as("malloc_trim never shrinks thread tops").isEqualTo(t.topBytes());
        assertThat(t.releasableBytes() + t.pinnedBytes() + t.topKeptBytes()).isEqualTo(t.freeBytes());
    }
}
