package io.heapsift.model.glibc;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.event.AllocKind;
import io.heapsift.model.Footprint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frees and reallocs through {@code lastBlock()} handles skip the model's address table (built only on the first
 * lookup by address). Both ways must give the same model, call by call; a handle that no longer names the block at
 * the address (stale, wrong, internal) falls back to the lookup.
 */
class BlockHandleTest {

    /** One seeded workload, driven once with handles and once by address only; {addr, handle} per live block. */
    private static final class Run {
        final PtmallocModel m;
        final boolean handles;
        final List<long[]> live = new ArrayList<>();
        final List<Object> blocks = new ArrayList<>();

        Run(String cfg, boolean handles) {
            this.m = new PtmallocModel(ModelConfig.parse(cfg));
            this.handles = handles;
        }

        void add(long p, long size) {
            if (p != 0) {
                live.add(new long[] {p, size});
                blocks.add(handles ? m.lastBlock() : null);
            }
        }

        void free(int tid, int i) {
            long[] l = live.remove(i);
            Object b = blocks.remove(i);
            if (handles) {
                m.free(tid, l[0], b);
            } else {
                m.free(tid, l[0]);
            }
        }

        void realloc(int tid, int i, long size, int tag) {
            long[] l = live.remove(i);
            Object b = blocks.remove(i);
            long p = handles ? m.realloc(tid, l[0], b, size, tag) : m.realloc(tid, l[0], size, tag);
            add(p, size);
        }
    }

    @ParameterizedTest(name = "config [{0}]")
    @ValueSource(strings = {"", "arena_max=2", "tcache_count=0,mxfast=0", "mmap_threshold=4096"})
    void handles_and_addresses_drive_the_model_to_the_same_state_call_by_call(String cfg) {
        Run withHandles = new Run(cfg, true);
        Run byAddress = new Run(cfg, false);
        SplittableRandom r1 = new SplittableRandom(7);
        SplittableRandom r2 = new SplittableRandom(7);
        for (int op = 0; op < 20_000; op++) {
            long a = step(withHandles, r1, op);
            long b = step(byAddress, r2, op);
            assertThat(a).as("op %d", op).isEqualTo(b);
            if (op % 1000 == 0) {
                assertThat(withHandles.m.mallinfo()).as("op %d", op).isEqualTo(byAddress.m.mallinfo());
            }
        }
        Footprint fh = withHandles.m.footprint();
        Footprint fa = byAddress.m.footprint();
        assertThat(fh).isEqualTo(fa);
        assertThat(liveSpans(withHandles.m)).isEqualTo(liveSpans(byAddress.m));
        assertThat(liveSpans(withHandles.m)).hasSize(withHandles.live.size());
    }

    /** One random call on both runs' terms; returns the address it produced (0 for a free). */
    private static long step(Run run, SplittableRandom r, int op) {
        int tid = 1 + r.nextInt(3);
        int k = r.nextInt(100);
        long size = r.nextInt(10) == 0 ? 1 + r.nextInt(300_000) : 1 + r.nextInt(2000);
        if (k < 45 || run.live.isEmpty()) {
            long p = k % 5 == 0 ? run.m.calloc(tid, size, op)
                : k % 7 == 0 ? run.m.memalign(tid, 64, size, AllocKind.POSIX_MEMALIGN, op) : run.m.malloc(tid, size, op);
            run.add(p, size);
            return p;
        }
        int i = r.nextInt(run.live.size());
        if (k < 85) {
            run.free(tid, i);
            return 0;
        }
        run.realloc(tid, i, k < 88 ? 0 : size, op);
        return run.live.isEmpty() ? 0 : run.live.get(run.live.size() - 1)[0];
    }

    private static TreeMap<Long, Long> liveSpans(PtmallocModel m) {
        TreeMap<Long, Long> spans = new TreeMap<>();
        m.forEachLive((addr, req, chunk, tag, arena, mmapped) -> spans.put(addr, req));
        return spans;
    }

    @Test
    void a_handle_that_does_not_name_the_block_at_the_address_is_not_trusted() {
        PtmallocModel m = new PtmallocModel();
        long a = m.malloc(1, 100, 1);
        Object ha = m.lastBlock();
        long b = m.malloc(1, 200, 2);
        Object hb = m.lastBlock();
        assertThat(ha).isNotNull().isNotSameAs(hb);
        m.free(1, a, hb); // wrong handle: the address wins
        assertThat(m.usableSize(a)).isZero();
        assertThat(m.usableSize(b)).isEqualTo(200); // chunk 208, less the size word
        m.free(1, b, "not a block");
        assertThat(m.footprint().requestedLive()).isZero();
        assertThat(liveSpans(m)).isEmpty();
        // a stale handle (its chunk freed and pooled) after the address was handed out again
        long c = m.malloc(1, 100, 3);
        Object hc = m.lastBlock();
        m.free(1, c, hc);
        long d = m.malloc(1, 4000, 4);
        m.free(1, d, hc);
        assertThat(liveSpans(m)).isEmpty();
        m.free(1, d, null); // a double free by address is an unknown free, not a crash
        assertThat(m.unknownFrees()).isEqualTo(1);
    }

    @Test
    void the_address_table_built_late_finds_blocks_from_before_including_mmapped_and_thread_arenas() {
        PtmallocModel m = new PtmallocModel();
        List<long[]> live = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int tid = 1 + i % 3;
            long size = i % 50 == 0 ? 200_000 + i : 24 + i;
            long p = m.malloc(tid, size, i);
            Object h = m.lastBlock();
            if (i % 4 == 1) {
                m.free(tid, p, h);
            } else {
                live.add(new long[] {p, size});
            }
        }
        // first lookups by address: the table is built from the heaps and the mmapped list
        for (long[] l : live) {
            assertThat(m.usableSize(l[0])).as("0x%x", l[0]).isGreaterThanOrEqualTo(l[1]);
        }
        for (long[] l : live) {
            m.free(1, l[0]);
        }
        assertThat(m.unknownFrees()).isZero();
        assertThat(m.footprint().requestedLive()).isZero();
        assertThat(m.mallinfo().hblks()).isZero();
    }
}
