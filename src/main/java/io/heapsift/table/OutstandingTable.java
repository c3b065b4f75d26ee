package io.heapsift.table;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.SnapshotAddress;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEnd;
import io.heapsift.event.SnapshotEntry;
import io.heapsift.event.Stack;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the outstanding-allocation table from an event stream. For event traces it follows
 * addresses (realloc moves blocks; frees of unknown or already-freed addresses are counted apart);
 * for snapshot traces it keeps the per-snapshot series; for leak reports it sums records by kind.
 * Memory grows with live blocks and distinct stacks, not with the number of events.
 */
public final class OutstandingTable implements EventSink {

    private static final int SAMPLE_LINES = 20;

    private final LiveBlocks live = new LiveBlocks();
    /** Double frees are detected among this many most recent frees (memory stays bounded on endless traces). */
    static final int RECENT_FREES = 1 << 20;

    private final RecentFrees freed = new RecentFrees(RECENT_FREES);
    private final List<Stack> stacksById = new ArrayList<>();
    private final Map<Integer, StackStats> byStackId = new HashMap<>();
    /** The stack {@link #stats} answered last, and its entry. */
    private Stack lastStack;
    private StackStats lastStats;
    private final Map<LeakKey, StackStats> leakRows = new LinkedHashMap<>();
    private final Map<LeakKind, KindTotal> toolLeakSummary = new EnumMap<>(LeakKind.class);
    private final List<SnapshotState> snapshots = new ArrayList<>();
    private HeapSummary toolHeapSummary;
    private SnapshotState current;
    private final Map<Stack, StackStats> snapshotRows = new IdentityHashMap<>();

    private long liveBytes, liveBlocks, peakBytes, peakBlocks, peakTime = TraceEvent.NO_TIME, peakLine;
    private long allocs, allocBytes, frees, reallocs, failedAllocs, nullFrees, unknownFrees, unknownReallocs,
            doubleFrees, untrackedAllocs, untrackedBytes, replacedLive, threadExits, processExits, toolErrors,
            allocatorCalls, leakRecords, sequence;
    private final List<Long> doubleFreeLines = new ArrayList<>();
    private final List<Long> unknownFreeLines = new ArrayList<>();
    private long firstTime = TraceEvent.NO_TIME, lastTime = TraceEvent.NO_TIME;
    private boolean sawEvents;

    @Override
    public void accept(TraceEvent e) {
        sequence++;
        if (e instanceof Alloc a) onAlloc(a);
        else if (e instanceof Free f) onFree(f);
        else if (e instanceof Realloc r) onRealloc(r);
        else if (e instanceof SnapshotBegin b) onSnapshotBegin(b);
        else if (e instanceof SnapshotEntry s) onSnapshotEntry(s);
        else if (e instanceof SnapshotAddress s) onSnapshotAddress(s);
        else if (e instanceof SnapshotEnd) current = null;
        else if (e instanceof LeakRecord r) onLeakRecord(r);
        else if (e instanceof LeakSummary s) toolLeakSummary.merge(s.kind(), new KindTotal(s.bytes(), s.blocks()),
                (x, y) -> x.plus(y.bytes(), y.blocks()));
        else if (e instanceof HeapSummary h) toolHeapSummary = h;
        else if (e instanceof ToolError) toolErrors++;
        else if (e instanceof ThreadExit) threadExits++;
        else if (e instanceof ProcessExit) processExits++;
        else if (e instanceof AllocatorCall) allocatorCalls++;
        // RssSample: not part of the table
    }

    private void time(long t) {
        if (t == TraceEvent.NO_TIME) return;
        if (firstTime == TraceEvent.NO_TIME || t < firstTime) firstTime = t;
        if (lastTime == TraceEvent.NO_TIME || t > lastTime) lastTime = t;
    }

    private StackStats stats(Stack s) {
        if (s == lastStack) return lastStats; // a loop's allocations share their stack: no boxed lookup
        int id = s.id();
        StackStats st = byStackId.get(id);
        if (st == null) {
            st = new StackStats(s, null);
            byStackId.put(id, st);
            while (stacksById.size() <= id) stacksById.add(null);
            stacksById.set(id, s);
        }
        lastStack = s;
        lastStats = st;
        return st;
    }

    private void onAlloc(Alloc a) {
        sawEvents = true;
        time(a.timeNs());
        if (a.failed()) {
            failedAllocs++;
            return;
        }
        allocs++;
        if (a.size() > 0) allocBytes += a.size();
        if (a.address() == TraceEvent.NO_ADDRESS) {
            untrackedAllocs++;
            untrackedBytes += Math.max(0, a.size());
            stats(a.stack()).allocated(0, a, false);
            return;
        }
        addLive(a.address(), Math.max(0, a.size()), a.stack(), a.timeNs(), a.line());
    }

    private void addLive(long addr, long size, Stack stack, long time, long line) {
        if (live.peek(addr)) {
            // the capture lost a free: drop the old block first
            replacedLive++;
            removeLive(addr, false);
        }
        freed.remove(addr);
        live.put(addr, size, stack.id(), time);
        StackStats st = stats(stack);
        st.add(size, time, line);
        liveBytes += size;
        liveBlocks++;
        if (liveBytes > peakBytes) {
            peakBytes = liveBytes;
            peakBlocks = liveBlocks;
            peakTime = time;
            peakLine = line;
        }
    }

    private boolean removeLive(long addr, boolean countFree) {
        if (!live.remove(addr)) return false;
        StackStats st = byStackId.get(live.removedStack);
        st.remove(live.removedSize, countFree);
        liveBytes -= live.removedSize;
        liveBlocks--;
        return true;
    }

    private void onFree(Free f) {
        sawEvents = true;
        time(f.timeNs());
        freeAddress(f.address(), f.line());
    }

    private void freeAddress(long addr, long line) {
        frees++;
        if (addr == 0) {
            nullFrees++;
            return;
        }
        if (removeLive(addr, true)) {
            freed.add(addr);
        } else if (freed.contains(addr)) {
            doubleFrees++;
            if (doubleFreeLines.size() < SAMPLE_LINES) doubleFreeLines.add(line);
        } else {
            unknownFrees++;
            if (unknownFreeLines.size() < SAMPLE_LINES) unknownFreeLines.add(line);
        }
    }

    private void onRealloc(Realloc r) {
        sawEvents = true;
        time(r.timeNs());
        reallocs++;
        if (r.failed()) {
            failedAllocs++;
            return;
        }
        if (r.oldAddress() == 0 && r.newAddress() != TraceEvent.NO_ADDRESS) {
            allocs++;
            allocBytes += Math.max(0, r.size());
            addLive(r.newAddress(), r.size(), r.stack(), r.timeNs(), r.line());
            return;
        }
        if (r.freesOnly()) {
            freeAddress(r.oldAddress(), r.line());
            return;
        }
        if (!removeLive(r.oldAddress(), true)) {
            unknownReallocs++;
        } else if (r.oldAddress() != r.newAddress()) {
            freed.add(r.oldAddress());
        }
        allocs++;
        allocBytes += Math.max(0, r.size());
        if (r.newAddress() == TraceEvent.NO_ADDRESS) {
            // the call's return was lost (ltrace <no return ...>): the new block cannot be followed
            untrackedAllocs++;
            untrackedBytes += Math.max(0, r.size());
            return;
        }
        addLive(r.newAddress(), r.size(), r.stack(), r.timeNs(), r.line());
    }

    private void onSnapshotBegin(SnapshotBegin b) {
        time(b.timeNs());
        current = new SnapshotState(snapshots.size(), b);
        snapshots.add(current);
    }

    private SnapshotState snapshot(long line) {
        if (current == null) {
            // entries without a header (a capture cut at the start): open an implicit snapshot
            current = new SnapshotState(snapshots.size(), new SnapshotBegin(line, TraceEvent.NO_TIME, snapshots.size(), 0, false));
            snapshots.add(current);
        }
        return current;
    }

    private void onSnapshotEntry(SnapshotEntry s) {
        SnapshotState snap = snapshot(s.line());
        snap.groups++;
        snap.bytes += s.bytes();
        snap.blocks += s.blocks();
        snap.entries.merge(s.stack(), new long[] {s.bytes(), s.blocks()}, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        StackStats st = snapshotRows.computeIfAbsent(s.stack(), k -> new StackStats(k, null));
        st.seen(snap.begin.timeNs(), s.line());
        st.peakBytes = Math.max(st.peakBytes, s.bytes());
        st.peakBlocks = Math.max(st.peakBlocks, s.blocks());
    }

    private void onSnapshotAddress(SnapshotAddress s) {
        SnapshotState snap = snapshot(s.line());
        snap.addressLines++;
        snap.addressBytes += s.size();
    }

    private void onLeakRecord(LeakRecord r) {
        leakRecords++;
        StackStats st = leakRows.computeIfAbsent(new LeakKey(r.stack(), r.kind()), k -> new StackStats(k.stack, k.kind));
        st.liveBytes += r.directBytes();
        st.liveBlocks += r.blocks();
        st.indirectBytes += r.indirectBytes();
        st.allocs += r.blocks();
        st.seen(TraceEvent.NO_TIME, r.line());
        st.peakBytes = st.liveBytes;
        st.peakBlocks = st.liveBlocks;
    }

    /** Builds the immutable result; call after the last event. */
    public TableResult result() {
        // Loss records are the richest description (stacks and kinds); a log with only a LEAK SUMMARY
        // (--leak-check=summary, the default) is a leak report only if it has no per-call events.
        TableMode mode = leakRecords > 0 ? TableMode.LEAK_REPORT
                : !snapshots.isEmpty() ? TableMode.SNAPSHOTS
                : sawEvents ? TableMode.EVENTS
                : !toolLeakSummary.isEmpty() ? TableMode.LEAK_REPORT : TableMode.EMPTY;
        List<StackRow> rows = new ArrayList<>();
        Map<LeakKind, KindTotal> kinds = new EnumMap<>(LeakKind.class);
        List<LeakKind> fromSummary = new ArrayList<>();
        long lb = liveBytes, lk = liveBlocks, pb = peakBytes, pk = peakBlocks;
        switch (mode) {
            case EVENTS, EMPTY -> {
                byStackId.values().forEach(s -> rows.add(s.row(null, null)));
                // the tool's own verdict on the same run, when it printed one
                for (Map.Entry<LeakKind, KindTotal> e : toolLeakSummary.entrySet()) {
                    if (e.getKey() == LeakKind.SUPPRESSED) continue;
                    kinds.put(e.getKey(), e.getValue());
                    fromSummary.add(e.getKey());
                }
            }
            case SNAPSHOTS -> {
                SnapshotState last = snapshots.get(snapshots.size() - 1);
                lb = last.bytes;
                lk = last.blocks;
                for (StackStats s : snapshotRows.values()) {
                    long[] now = last.entries.get(s.stack);
                    s.liveBytes = now == null ? 0 : now[0];
                    s.liveBlocks = now == null ? 0 : now[1];
                    s.allocs = s.liveBlocks;
                    long[][] series = series(s.stack);
                    rows.add(s.row(series[0], series[1]));
                }
                pb = 0;
                for (SnapshotState snap : snapshots) {
                    if (snap.bytes > pb) {
                        pb = snap.bytes;
                        pk = snap.blocks;
                    }
                }
            }
            case LEAK_REPORT -> {
                lb = 0;
                lk = 0;
                for (StackStats s : leakRows.values()) {
                    rows.add(s.row(null, null));
                    kinds.merge(s.kind, new KindTotal(s.liveBytes, s.liveBlocks), (x, y) -> x.plus(y.bytes(), y.blocks()));
                }
                for (Map.Entry<LeakKind, KindTotal> e : toolLeakSummary.entrySet()) {
                    if (e.getKey() != LeakKind.SUPPRESSED && !kinds.containsKey(e.getKey())) {
                        kinds.put(e.getKey(), e.getValue());
                        if (e.getValue().bytes() > 0 || e.getValue().blocks() > 0) fromSummary.add(e.getKey());
                    }
                }
                for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE, LeakKind.REACHABLE)) {
                    kinds.putIfAbsent(k, KindTotal.ZERO);
                    lb += kinds.get(k).bytes();
                    lk += kinds.get(k).blocks();
                }
                pb = lb;
                pk = lk;
            }
        }
        rows.sort(Comparator.comparingLong(StackRow::liveBytes).reversed()
                .thenComparing(Comparator.comparingLong(StackRow::liveBlocks).reversed())
                .thenComparingLong(StackRow::firstLine));
        List<SnapshotInfo> snaps = new ArrayList<>();
        for (SnapshotState s : snapshots) snaps.add(s.info());
        EventCounts counts = new EventCounts(allocs, allocBytes, frees, reallocs, failedAllocs, nullFrees, unknownFrees,
                unknownReallocs, doubleFrees, untrackedAllocs, untrackedBytes, replacedLive, threadExits, processExits,
                toolErrors, allocatorCalls, List.copyOf(doubleFreeLines), List.copyOf(unknownFreeLines));
        int distinct = mode == TableMode.SNAPSHOTS ? snapshotRows.size()
                : mode == TableMode.LEAK_REPORT ? leakRows.size() : byStackId.size();
        return new TableResult(mode, lb, lk, pb, pk, peakTime, peakLine, kinds, List.copyOf(fromSummary),
                new EnumMap<>(toolLeakSummary), toolHeapSummary, counts, List.copyOf(rows), List.copyOf(snaps),
                firstTime, lastTime, distinct);
    }

    private long[][] series(Stack stack) {
        long[] bytes = new long[snapshots.size()];
        long[] blocks = new long[snapshots.size()];
        for (int i = 0; i < snapshots.size(); i++) {
            long[] v = snapshots.get(i).entries.get(stack);
            bytes[i] = v == null ? -1 : v[0];
            blocks[i] = v == null ? -1 : v[1];
        }
        return new long[][] {bytes, blocks};
    }

    private record LeakKey(Stack stack, LeakKind kind) {
    }

    private static final class SnapshotState {
        final int index;
        final SnapshotBegin begin;
        final Map<Stack, long[]> entries = new IdentityHashMap<>();
        int groups;
        long bytes, blocks, addressLines, addressBytes;

        SnapshotState(int index, SnapshotBegin begin) {
            this.index = index;
            this.begin = begin;
        }

        SnapshotInfo info() {
            return new SnapshotInfo(index, begin.timeNs(), begin.line(), begin.combined(), begin.requestedTop(), groups,
                    bytes, blocks, addressLines, addressBytes);
        }
    }

    /** Mutable per-stack accumulator. */
    private static final class StackStats {
        final Stack stack;
        final LeakKind kind;
        long liveBytes, liveBlocks, indirectBytes, allocs, allocBytes, frees, peakBytes, peakBlocks;
        long firstSeen = TraceEvent.NO_TIME, lastSeen = TraceEvent.NO_TIME, firstLine, lastLine;

        StackStats(Stack stack, LeakKind kind) {
            this.stack = stack;
            this.kind = kind;
        }

        void seen(long time, long line) {
            if (firstLine == 0) {
                firstLine = line;
                firstSeen = time;
            }
            lastLine = line;
            if (time != TraceEvent.NO_TIME) lastSeen = time;
        }

        void allocated(long size, Alloc a, boolean live) {
            allocs++;
            allocBytes += Math.max(0, a.size());
            seen(a.timeNs(), a.line());
        }

        void add(long size, long time, long line) {
            allocs++;
            allocBytes += size;
            liveBytes += size;
            liveBlocks++;
            seen(time, line);
            if (liveBytes > peakBytes) {
                peakBytes = liveBytes;
                peakBlocks = liveBlocks;
            }
        }

        void remove(long size, boolean countFree) {
            liveBytes -= size;
            liveBlocks--;
            if (countFree) frees++;
        }

        StackRow row(long[] seriesBytes, long[] seriesBlocks) {
            return new StackRow(stack, kind, liveBytes, liveBlocks, indirectBytes, allocs, allocBytes, frees, firstSeen,
                    lastSeen, firstLine, lastLine, peakBytes, peakBlocks,
                    seriesBytes == null ? new long[0] : seriesBytes, seriesBlocks == null ? new long[0] : seriesBlocks);
        }
    }
}
