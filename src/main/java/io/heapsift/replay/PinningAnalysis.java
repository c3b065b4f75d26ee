package io.heapsift.replay;

import io.heapsift.event.Stack;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.Placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes {@link Pinning} from the model's placement of every live block (see there for the rules). */
final class PinningAnalysis {

    private static final long PAGE = 4096;
    /** malloc_trim skips chunks of 4095 + 48 bytes or less and the first 48 bytes of larger ones. */
    private static final long MADVISE_MIN = 4096 + 48;
    private static final long MADVISE_SKIP = 48;

    private PinningAnalysis() {
    }

    /** A live chunk as the model placed it. */
    private record Chunk(long start, long end, int stack, long requested) {
    }

    private static final class StackTotal {
        long pinned, chunks, live, arenas;
    }

    static Pinning compute(AllocatorModel model, long eventIndex, AddressMap live, List<long[]> unmatched,
                           StackTable stacks, int top) {
        // heap start in model address space -> arena, chunks
        Map<Long, List<Chunk>> heaps = new HashMap<>();
        Map<Long, Integer> heapArena = new HashMap<>();
        AddressMap.Visitor add = (trace, m, size, stack) -> {
            Placement p = model.placement(m);
            if (p == null || p.mmapped()) return;
            long heap = m - p.heapOffset();
            long start = p.heapOffset() - 16;
            heaps.computeIfAbsent(heap, k -> new ArrayList<>()).add(new Chunk(start, start + p.chunkSize(), stack, size));
            heapArena.put(heap, p.arena());
        };
        live.forEach(add);
        for (long[] u : unmatched) add.visit(0, u[0], u[1], (int) u[2]);

        TreeMap<Integer, long[]> arenas = new TreeMap<>(); // heaps, chunks, live, holes, pinned, madvisable
        Map<Integer, StackTotal> byStack = new HashMap<>();
        for (Map.Entry<Long, List<Chunk>> h : heaps.entrySet()) {
            int arena = heapArena.get(h.getKey());
            long[] a = arenas.computeIfAbsent(arena, k -> new long[6]);
            a[0]++;
            Chunk[] cs = h.getValue().toArray(new Chunk[0]);
            Arrays.sort(cs, (x, y) -> Long.compare(x.start, y.start));
            long prevEnd = 0;
            for (Chunk c : cs) {
                a[1]++;
                a[2] += c.end - c.start;
                long hole = Math.max(0, c.start - prevEnd);
                if (hole > 0) {
                    long madv = madvisable(prevEnd, c.start);
                    a[3] += hole;
                    a[4] += hole - madv;
                    a[5] += madv;
                    if (hole - madv > 0) {
                        StackTotal t = byStack.computeIfAbsent(c.stack, k -> new StackTotal());
                        t.pinned += hole - madv;
                        t.chunks++;
                        t.live += c.requested;
                        t.arenas |= 1L << Math.min(arena, 63);
                    }
                }
                prevEnd = Math.max(prevEnd, c.end);
            }
        }
        List<Pinning.Arena> arenaList = new ArrayList<>();
        long pinned = 0, madv = 0;
        for (Map.Entry<Integer, long[]> e : arenas.entrySet()) {
            long[] a = e.getValue();
            arenaList.add(new Pinning.Arena(e.getKey(), (int) a[0], a[1], a[2], a[3], a[4], a[5]));
            pinned += a[4];
            madv += a[5];
        }
        List<Pinning.Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, StackTotal> e : byStack.entrySet()) {
            StackTotal t = e.getValue();
            rows.add(new Pinning.Row(stacks.get(e.getKey()), t.pinned, t.chunks, t.live, t.arenas));
        }
        rows.sort((x, y) -> x.pinnedBytes() != y.pinnedBytes() ? Long.compare(y.pinnedBytes(), x.pinnedBytes())
                : Integer.compare(x.stack().id(), y.stack().id()));
        int total = rows.size();
        return new Pinning(eventIndex, pinned, madv, List.copyOf(arenaList),
                List.copyOf(rows.subList(0, Math.min(top, rows.size()))), total);
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
