package io.heapsift.model.glibc;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.event.AllocKind;
import io.heapsift.model.ArenaStats;
import io.heapsift.model.MallInfo;
import io.heapsift.model.RetentionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded-random property tests over mixed multi-threaded workloads. */
class ModelPropertyTest {
    private static final AllocKind[] ALIGNED = {AllocKind.MEMALIGN, AllocKind.POSIX_MEMALIGN, AllocKind.ALIGNED_ALLOC,
        AllocKind.VALLOC, AllocKind.PVALLOC};
    private static final String[] CONFIGS = {"", "tcache_count=0", "mxfast=0", "arena_max=2", "top_pad=0",
        "mmap_threshold=64m,tcache_count=3", "arena_max=1,mxfast=160", "trim_threshold=0,top_pad=4096",
        "tcache_unsorted_limit=2", "perturb=165"};

    static LongStream seeds() {
        return LongStream.range(1, 21);
    }

    private static final class Live {
        final long addr;
        final long size;
        final int tid;

        Live(long addr, long size, int tid) {
            this.addr = addr;
            this.size = size;
            this.tid = tid;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void random_workload_keeps_every_invariant_and_returns_to_the_start_state(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String cfg = CONFIGS[(int) (seed % CONFIGS.length)];
        PtmallocModel m = new PtmallocModel(ModelConfig.parse(cfg));
        List<Live> live = new ArrayList<>();
        int threads = 1 + r.nextInt(6);
        boolean[] exited = new boolean[threads + 1];
        int ops = 15000;
        for (int op = 0; op < ops; op++) {
            int tid = 1 + r.nextInt(threads);
            exited[tid] = false;
            int k = r.nextInt(100);
            if (k < 40 || live.isEmpty()) {
                long size = size(r);
                long p = k % 3 == 0 ? m.calloc(tid, size, op) : m.malloc(tid, size, op);
                add(m, live, p, size, tid);
            } else if (k < 75) {
                Live l = live.remove(r.nextInt(live.size()));
                m.free(tid, l.addr);
            } else if (k < 85) {
                int i = r.nextInt(live.size());
                long size = r.nextInt(20) == 0 ? 0 : size(r);
                long p = m.realloc(tid, live.get(i).addr, size, op);
                live.remove(i);
                if (size != 0) {
                    add(m, live, p, size, tid);
                }
            } else if (k < 90) {
                long align = 1L << (3 + r.nextInt(15));
                long size = size(r);
                AllocKind kind = ALIGNED[r.nextInt(ALIGNED.length)];
                long p = m.memalign(tid, align, size, kind, op);
                if (p != 0) {
                    long effAlign = kind == AllocKind.VALLOC || kind == AllocKind.PVALLOC ? 4096 : align;
                    assertThat(p % Math.max(16, effAlign)).as("alignment %d %s", effAlign, kind).isZero();
                    add(m, live, p, kind == AllocKind.PVALLOC ? size : size, tid);
                }
            } else if (k < 92) {
                if (tid != 1) {
                    m.threadExit(tid);
                    exited[tid] = true;
                }
            } else if (k < 93) {
                m.mallocTrim(tid, r.nextInt(3) == 0 ? 0 : r.nextInt(1 << 18));
            } else if (k < 94) {
                int[] params = {1, -1, -2, -3, -4, -7, -8};
                int param = params[r.nextInt(params.length)];
                long value = param == 1 ? r.nextInt(200) : param == -4 ? 1 + r.nextInt(100000) : r.nextInt(1 << 20);
                m.mallopt(tid, param, value);
            } else {
                // a burst of same-size blocks, freed in some order: exercises fastbins, tcache refills, bins
                long size = size(r);
                int n = 1 + r.nextInt(40);
                long[] b = new long[n];
                for (int i = 0; i < n; i++) {
                    b[i] = m.malloc(tid, size, op);
                }
                for (int i = 0; i < n; i++) {
                    if (r.nextBoolean()) {
                        m.free(tid, b[i]);
                    } else {
                        add(m, live, b[i], size, tid);
                    }
                }
            }
            MallInfo mi = m.mallinfo();
            assertThat(mi.arena()).isEqualTo(mi.uordblks() + mi.fordblks());
            assertThat(mi.fordblks()).isNotNegative();
            assertThat(mi.uordblks()).isNotNegative();
            if (op % 500 == 0) {
                checkAll(m, live);
            }
        }
        checkAll(m, live);
        for (Live l : live) {
            m.free(l.tid, l.addr);
        }
        for (int t = threads; t >= 1; t--) {
            m.threadExit(t);
        }
        m.mallocTrim(1, 0);
        assertThat(Invariants.check(m)).isEmpty();
        MallInfo mi = m.mallinfo();
        assertThat(mi.hblks()).isZero();
        assertThat(mi.smblks()).isZero();
        long fixed = 0;
        for (ArenaStats s : m.arenaStats()) {
            fixed += s.arena() == 0 ? 0 : Engine.ARENA_HEADER + (s.heaps() - 1) * (Engine.HEAP_INFO + 32);
            assertThat(s.tcacheBytes()).isZero();
        }
        assertThat(mi.uordblks()).as("only headers and fenceposts remain in use").isEqualTo(fixed);
        assertThat(m.arenaStats().get(0).systemBytes()).isEqualTo(4096);
        assertThat(m.footprint().requestedLive()).isZero();
        assertThat(m.footprint().chunkLive()).isZero();
    }

    private static void add(PtmallocModel m, List<Live> live, long p, long size, int tid) {
        if (p == 0) {
            return;
        }
        assertThat(m.usableSize(p)).as("usable of %d", size).isGreaterThanOrEqualTo(size);
        live.add(new Live(p, size, tid));
    }

    private static long size(SplittableRandom r) {
        int k = r.nextInt(1000);
        if (k < 500) {
            return r.nextInt(129);
        } else if (k < 800) {
            return r.nextInt(1100);
        } else if (k < 960) {
            return r.nextInt(70000);
        } else if (k < 995) {
            return 100_000 + r.nextInt(300_000);
        }
        return 1_000_000 + r.nextInt(20_000_000);
    }

    private static void checkAll(PtmallocModel m, List<Live> live) {
        assertThat(Invariants.check(m)).isEmpty();
        // live blocks never overlap
        TreeMap<Long, Long> spans = new TreeMap<>();
        m.forEachLive((addr, req, chunk, tag, arena, mmapped) -> spans.put(addr, addr + req));
        assertThat(spans).hasSize(live.size());
        long end = 0;
        for (var e : spans.entrySet()) {
            assertThat(e.getKey()).isGreaterThanOrEqualTo(end);
            end = e.getValue();
        }
        var f = m.footprint();
        assertThat(f.rssBytes()).isNotNegative();
        assertThat(f.rssBytes()).isLessThanOrEqualTo(f.arenaBytes() + f.mmapBytes());
        assertThat(f.trimmableBytes()).isNotNegative();
        RetentionReport rep = m.retention();
        for (RetentionReport.ArenaRetention a : rep.arenas()) {
            assertThat(a.releasableBytes() + a.pinnedBytes() + a.topKeptBytes()).isEqualTo(a.freeBytes());
            long blocked = a.pins().stream().mapToLong(RetentionReport.Pin::blockedBytes).sum();
            long page = a.pins().stream().mapToLong(RetentionReport.Pin::pageBytes).sum();
            assertThat(page).isEqualTo(a.pinnedBytes());
            assertThat(blocked).isEqualTo(a.freeBytes() - a.topBytes());
        }
    }
}
