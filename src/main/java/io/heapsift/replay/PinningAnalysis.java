package io.heapsift.replay;

import io.heapsift.event.Stack;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.LiveBlocks;
import io.heapsift.model.Placement;
import io.heapsift.model.RetentionReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes {@link Pinning}: from the model's {@link RetentionReport} when it has one, else from placements. */
final class PinningAnalysis {

    private static final long PAGE = 4096;
    /** malloc_trim skips chunks of 4095 + 48 bytes or less and the first 48 bytes of larger ones. */
    private static final long MADVISE_MIN = 4096 + 48;
    private static final long MADVISE_SKIP = 48;

    private PinningAnalysis() {
    }

    private static final class Total {
        long blocked, pinned, chunks, chunkBytes, arenas;

        void add(long b, long p, long size, int arena) {
            blocked += b;
            pinned += p;
            chunks++;
            chunkBytes += size;
            arenas |= 1L << Math.max(0, Math.min(arena, 63));
        }
    }

    static Pinning compute(AllocatorModel model, long eventIndex, LiveBlocks live, List<long[]> unmatched,
                           StackTable stacks, int top) {
        RetentionReport report;
        try {
            report = model.retention();
        } catch (UnsupportedOperationException e) {
            return approximate(model, eventIndex, live, unmatched, stacks, top);
        }
        Map<Integer, Total> byTag = new HashMap<>();
        Total tcache = new Total(), internal = new Total();
        List<Pinning.Arena> arenas = new ArrayList<>();
        long free = 0, blocked = 0, pinned = 0, rel = 0, relRes = 0;
        for (RetentionReport.ArenaRetention a : report.arenas()) {
            long runs = a.freeBytes() - a.topBytes();
            arenas.add(new Pinning.Arena(a.arena(), a.systemBytes(), a.freeBytes(), a.topBytes(), a.runCount(), runs,
                    a.pinnedBytes(), a.releasableBytes(), a.topKeptBytes(), a.cachedBytes()));
            free += a.freeBytes();
            blocked += runs;
            pinned += a.pinnedBytes();
            rel += a.releasableBytes();
            relRes += a.releasableResidentBytes();
            for (RetentionReport.Pin p : a.pins()) {
                Total t = switch (p.kind()) {
                    case LIVE -> byTag.computeIfAbsent(p.tag(), k -> new Total());
                    case TCACHE -> tcache;
                    case INTERNAL -> internal;
                };
                t.add(p.blockedBytes(), p.pageBytes(), p.chunkSize(), a.arena());
            }
        }
        List<Pinning.Row> rows = new ArrayList<>();
        byTag.forEach((tag, t) -> rows.add(row(Pinning.Kind.LIVE, stacks.get(tag), t)));
        if (tcache.chunks > 0) rows.add(row(Pinning.Kind.TCACHE, Stack.EMPTY, tcache));
        if (internal.chunks > 0) rows.add(row(Pinning.Kind.INTERNAL, Stack.EMPTY, internal));
        return finish(eventIndex, true, free, blocked, pinned, rel, relRes, arenas, rows, top);
    }

    private static Pinning.Row row(Pinning.Kind kind, Stack s, Total t) {
        return new Pinning.Row(kind, s, t.blocked, t.pinned, t.chunks, t.chunkBytes, t.arenas);
    }

    private static Pinning finish(long eventIndex, boolean exact, long free, long blocked, long pinned, long rel,
                                  long relRes, List<Pinning.Arena> arenas, List<Pinning.Row> rows, int top) {
        rows.sort(Comparator.comparingLong(Pinning.Row::blockedBytes).reversed()
                .thenComparing(Comparator.comparingLong(Pinning.Row::pinnedBytes).reversed())
                .thenComparingInt(r -> r.stack().id()));
        int total = rows.size();
        return new Pinning(eventIndex, exact, free, blocked, pinned, rel, relRes, List.copyOf(arenas),
                List.copyOf(rows.subList(0, Math.min(Math.max(top, 0), rows.size()))), total);
    }

    /** A live chunk as the model placed it. */
    private record Chunk(long start, long end, int stack) {
    }

    /**
     * For models without a chunk walk: the holes between live blocks (by placement) are the runs, each blocked by
     * the live chunk above it; the whole pages malloc_trim could madvise are released, the rest pinned by it.
     */
    static Pinning approximate(AllocatorModel model, long eventIndex, LiveBlocks live, List<long[]> unmatched,
                               StackTable stacks, int top) {
        Map<Long, List<Chunk>> heaps = new HashMap<>();
        Map<Long, Integer> heapArena = new HashMap<>();
        LiveBlocks.Visitor add = (trace, m, size, stack) -> {
            Placement p = model.placement(m);
            if (p == null || p.mmapped()) return;
            long heap = m - p.heapOffset();
            long start = p.heapOffset() - 16;
            heaps.computeIfAbsent(heap, k -> new ArrayList<>()).add(new Chunk(start, start + p.chunkSize(), stack));
            heapArena.put(heap, p.arena());
        };
        live.forEach(add);
        for (long[] u : unmatched) add.visit(0, u[0], u[1], (int) u[2]);
        TreeMap<Integer, long[]> arenas = new TreeMap<>(); // runs, blocked, pinned, madvisable
        Map<Integer, Total> byStack = new HashMap<>();
        for (Map.Entry<Long, List<Chunk>> h : heaps.entrySet()) {
            int arena = heapArena.get(h.getKey());
            long[] a = arenas.computeIfAbsent(arena, k -> new long[4]);
            Chunk[] cs = h.getValue().toArray(new Chunk[0]);
            Arrays.sort(cs, Comparator.comparingLong(Chunk::start));
            long prevEnd = 0;
            for (Chunk c : cs) {
                long hole = Math.max(0, c.start - prevEnd);
                if (hole > 0) {
                    long madv = madvisable(prevEnd, c.start);
                    a[0]++;
                    a[1] += hole;
                    a[2] += hole - madv;
                    a[3] += madv;
                    byStack.computeIfAbsent(c.stack, k -> new Total()).add(hole, hole - madv, c.end - c.start, arena);
                }
                prevEnd = Math.max(prevEnd, c.end);
            }
        }
        List<Pinning.Arena> list = new ArrayList<>();
        long blocked = 0, pinned = 0, rel = 0;
        for (Map.Entry<Integer, long[]> e : arenas.entrySet()) {
            long[] a = e.getValue();
            list.add(new Pinning.Arena(e.getKey(), 0, a[1], 0, a[0], a[1], a[2], a[3], 0, 0));
            blocked += a[1];
            pinned += a[2];
            rel += a[3];
        }
        List<Pinning.Row> rows = new ArrayList<>();
        byStack.forEach((tag, t) -> rows.add(row(Pinning.Kind.LIVE, stacks.get(tag), t)));
        return finish(eventIndex, false, blocked, blocked, pinned, rel, rel, list, rows, top);
    }

    /** Whole pages malloc_trim(0) would madvise in a free region [from, to) of a heap (offsets from a page-aligned heap start). */
    static long madvisable(long from, long to) {
        if (to - from < MADVISE_MIN) return 0;
        long first = (from + MADVISE_SKIP + PAGE - 1) & -PAGE;
        long last = to & -PAGE;
        return Math.max(0, last - first);
    }

    /** Stacks by id, as seen in the trace. */
    static final class StackTable {
        private Stack[] byId = new Stack[256];

        void see(Stack s) {
            int id = s.id();
            if (id >= byId.length) byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
            if (byId[id] == null) byId[id] = s;
        }

        Stack get(int id) {
            Stack s = id >= 0 && id < byId.length ? byId[id] : null;
            return s != null ? s : Stack.EMPTY;
        }
    }
}
