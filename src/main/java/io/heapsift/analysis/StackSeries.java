package io.heapsift.analysis;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Free;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples each stack's outstanding bytes into at most {@code maxBuckets} time buckets while an event trace streams
 * by, so that growth can be fitted per stack without keeping the events. A bucket holds the value at its end; when
 * the buckets run out, neighbours are merged (the later value kept) and the bucket width doubles, so memory stays
 * {@code stacks x maxBuckets} whatever the trace length. Buckets are by trace time when events carry it, else by
 * event index. Also notes, per stack, whether it allocated on a thread other than the first and whether that thread
 * ended (a block left behind by an ended thread leaks once per thread, not once per process).
 */
public final class StackSeries implements EventSink {

    /** The trace is cut into this many equal parts to tell a burst from a recurring leak. */
    public static final int SEGMENTS = 10;

    /**
     * A clock that ticked fewer times than this over the whole trace (ltrace -t prints whole seconds) cannot place
     * blocks in {@value #SEGMENTS} parts; moments are then counted by event index instead.
     */
    static final int MIN_CLOCK_TICKS = 2 * SEGMENTS;

    /** Stacks beyond this are not followed (no series, no trend): bounds memory on traces with huge numbers of stacks. */
    static final int MAX_STACKS = 20_000;

    private final int maxBuckets;
    private final Map<Stack, Integer> ids = new IdentityHashMap<>();
    private final List<Stack> stacks = new ArrayList<>();
    /**
     * address -> {stack index, size, allocation x (time since origin, or event index), allocation event index,
     * the allocating thread's free count at that moment (its "epoch": blocks of one burst share it)}
     */
    private final HashMap<Long, long[]> live = new HashMap<>();
    private long[] current = new long[64];
    private boolean[] otherThread = new boolean[64];
    /** Per stack: x of its first and last allocation (first: -1 before any). */
    private long[] lastAlloc = new long[64];
    private long[] firstAlloc = filled(64);
    private final List<long[]> buckets = new ArrayList<>();
    private final List<Long> bucketEnds = new ArrayList<>();
    private long width = -1, origin, index, lastX;
    /** Times the clock moved forward (capped): a coarse clock ticks rarely. */
    private int clockTicks;
    private boolean byTime;
    private int firstTid = Integer.MIN_VALUE;
    private final java.util.Set<Integer> exitedThreads = new java.util.HashSet<>();
    /** Blocks allocated on threads other than the first: address -> tid. */
    private final HashMap<Long, Integer> threadBlocks = new HashMap<>();
    private boolean processExit;
    /** The signal that ended the process (a crash), or null. */
    private String killedBy;
    /** x and event index of the first and last allocator call (not exits: a program may idle before exiting). */
    private long firstCallX = -1, lastCallX, firstCallIndex, lastCallIndex;
    /** Frees (and moving reallocs) per thread so far; the last thread's counter is kept at hand (no boxing per event). */
    private final HashMap<Integer, long[]> freesByThread = new HashMap<>();
    private int counterTid = Integer.MIN_VALUE;
    private long[] counter;
    private long firstTimeNs = TraceEvent.NO_TIME, lastTimeNs = TraceEvent.NO_TIME;

    public StackSeries(int maxBuckets) {
        if (maxBuckets < 4) throw new IllegalArgumentException("maxBuckets must be >= 4");
        this.maxBuckets = maxBuckets;
    }

    @Override
    public void accept(TraceEvent e) {
        index++;
        if (e instanceof Alloc a) {
            advance(a.timeNs());
            called();
            if (a.failed() || a.size() == TraceEvent.NO_SIZE || a.kind() == AllocKind.MMAP) return;
            add(a.address(), a.size(), a.stack(), a.tid());
        } else if (e instanceof Free f) {
            advance(f.timeNs());
            called();
            frees(f.tid())[0]++;
            remove(f.address());
        } else if (e instanceof Realloc r) {
            advance(r.timeNs());
            called();
            if (r.failed()) return;
            if (r.oldAddress() != 0) {
                frees(r.tid())[0]++;
                remove(r.oldAddress());
            }
            if (!r.freesOnly() && r.newAddress() != 0) add(r.newAddress(), r.size(), r.stack(), r.tid());
        } else if (e instanceof ThreadExit t) {
            advance(t.timeNs());
            if (t.tid() != firstTid && t.tid() != TraceEvent.NO_TID) exitedThreads.add(t.tid());
        } else if (e instanceof ProcessExit p) {
            processExit = true;
            if (p.signal() != null) killedBy = p.signal();
            advance(p.timeNs());
        }
    }

    private void add(long address, long size, Stack stack, int tid) {
        if (address == 0 || size < 0) return;
        int s = id(stack);
        if (s < 0) { // past MAX_STACKS: not followed (the table still has it)
            remove(address);
            return;
        }
        if (firstTid == Integer.MIN_VALUE) firstTid = tid;
        if (tid != firstTid && tid != TraceEvent.NO_TID) {
            otherThread[s] = true;
            threadBlocks.put(address, tid);
        } else if (!threadBlocks.isEmpty()) {
            threadBlocks.remove(address);
        }
        long epoch = ((long) tid << 40) ^ frees(tid)[0];
        long[] old = live.put(address, new long[] {s, size, lastX, index, epoch});
        if (old != null) current[(int) old[0]] -= old[1];
        current[s] += size;
        lastAlloc[s] = lastX;
        if (firstAlloc[s] < 0) firstAlloc[s] = lastX;
    }

    private void remove(long address) {
        long[] old = live.remove(address);
        if (!threadBlocks.isEmpty()) threadBlocks.remove(address);
        if (old != null) current[(int) old[0]] -= old[1];
    }

    private int id(Stack stack) {
        Integer i = ids.get(stack);
        if (i != null) return i;
        if (stacks.size() >= MAX_STACKS) return -1;
        int n = stacks.size();
        ids.put(stack, n);
        stacks.add(stack);
        if (n >= current.length) {
            current = Arrays.copyOf(current, n * 2);
            otherThread = Arrays.copyOf(otherThread, n * 2);
            lastAlloc = Arrays.copyOf(lastAlloc, n * 2);
            long[] f = filled(n * 2);
            System.arraycopy(firstAlloc, 0, f, 0, firstAlloc.length);
            firstAlloc = f;
        }
        return n;
    }

    private long[] frees(int tid) {
        if (tid != counterTid) {
            counter = freesByThread.computeIfAbsent(tid, k -> new long[1]);
            counterTid = tid;
        }
        return counter;
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }

    private void called() {
        if (firstCallX < 0) {
            firstCallX = lastX;
            firstCallIndex = index;
        }
        lastCallX = lastX;
        lastCallIndex = index;
    }

    /** Moves the clock: closes the buckets that ended before x. */
    private void advance(long timeNs) {
        long x;
        if (width < 0) {
            byTime = timeNs != TraceEvent.NO_TIME;
            origin = byTime ? timeNs : 0;
            width = byTime ? 1_000L : 1; // 1 us or 1 event at first; doubles as needed
        }
        if (byTime) {
            if (timeNs == TraceEvent.NO_TIME) return;
            if (firstTimeNs == TraceEvent.NO_TIME) firstTimeNs = timeNs;
            lastTimeNs = Math.max(lastTimeNs, timeNs);
            x = timeNs - origin;
            if (x > lastX && clockTicks < MIN_CLOCK_TICKS) clockTicks++;
        } else {
            x = index;
        }
        if (x < lastX) x = lastX; // slightly out-of-order times stay in the current bucket
        long closedUpTo = (long) bucketEnds.size() * width;
        while (x >= closedUpTo + width) {
            closeBucket();
            closedUpTo = (long) bucketEnds.size() * width;
        }
        lastX = x;
    }

    private void closeBucket() {
        buckets.add(Arrays.copyOf(current, stacks.size()));
        bucketEnds.add((long) bucketEnds.size() * width + width);
        if (buckets.size() >= maxBuckets) merge();
    }

    /** Halves the buckets: each pair keeps its later value; the width doubles. */
    private void merge() {
        List<long[]> kept = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (int i = 1; i < buckets.size(); i += 2) {
            kept.add(buckets.get(i));
            ends.add(bucketEnds.get(i));
        }
        boolean odd = buckets.size() % 2 == 1;
        long[] last = odd ? buckets.get(buckets.size() - 1) : null;
        buckets.clear();
        bucketEnds.clear();
        buckets.addAll(kept);
        bucketEnds.addAll(ends);
        width *= 2;
        // an odd bucket left over is half of the next (wider) bucket: its value is superseded when that closes
        if (odd && last != null) {
            // nothing to keep: the current values already include it
        }
    }

    /** The finished series. Call after the last event. */
    public Result result() {
        List<long[]> cols = new ArrayList<>(buckets);
        List<Long> xs = new ArrayList<>(bucketEnds);
        long end = lastX;
        if (xs.isEmpty() || xs.get(xs.size() - 1) < end || !Arrays.equals(cols.get(cols.size() - 1),
                Arrays.copyOf(current, stacks.size()))) {
            cols.add(Arrays.copyOf(current, stacks.size()));
            xs.add(Math.max(end, xs.isEmpty() ? 0 : xs.get(xs.size() - 1)));
        }
        long[] endedBlocks = new long[stacks.size()];
        for (var e : threadBlocks.entrySet()) {
            long[] v = live.get(e.getKey());
            if (v != null && exitedThreads.contains(e.getValue())) endedBlocks[(int) v[0]]++;
        }
        int[] moments = new int[stacks.size()];
        boolean fineClock = byTime && clockTicks >= MIN_CLOCK_TICKS;
        double from = fineClock ? firstCallX : firstCallIndex;
        // by event index, positions 0..span: never more parts than positions, so that consecutive calls never
        // leave an empty part between them
        double span = fineClock ? Math.max(1, lastCallX - firstCallX) : lastCallIndex - firstCallIndex + 1;
        int parts = fineClock ? SEGMENTS : (int) Math.min(SEGMENTS, span);
        Map<Integer, java.util.Set<Long>> epochs = new HashMap<>();
        for (long[] v : live.values()) {
            int segment = (int) Math.min(SEGMENTS - 1, Math.floor(((fineClock ? v[2] : v[3]) - from) * parts / span));
            moments[(int) v[0]] |= 1 << segment;
            epochs.computeIfAbsent((int) v[0], k -> new java.util.HashSet<>()).add(v[4]);
        }
        Map<Stack, Series> out = new IdentityHashMap<>();
        double scale = byTime ? 1e-9 : 1;
        for (int s = 0; s < stacks.size(); s++) {
            double[] x = new double[cols.size()];
            long[] y = new long[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                x[i] = xs.get(i) * scale;
                long[] c = cols.get(i);
                y[i] = s < c.length ? c[s] : 0;
            }
            out.put(stacks.get(s), new Series(x, y, otherThread[s], endedBlocks[s],
                    moments(moments[s], epochs.getOrDefault(s, java.util.Set.of()).size()),
                    Math.max(0, firstAlloc[s]) * scale,
                    lastAlloc[s] * scale));
        }
        return new Result(byTime, processExit, firstTid != Integer.MIN_VALUE && firstTid != TraceEvent.NO_TID, out,
                firstTimeNs, lastTimeNs, killedBy);
    }

    /**
     * One stack's series.
     *
     * @param x            bucket ends: seconds from the first event (by time) or event index
     * @param bytes        outstanding bytes at each bucket end
     * @param otherThread  it allocated on a thread other than the first one seen
     * @param endedThreadBlocks blocks still live at the end that were allocated on a thread that ended
     * @param keptMoments  the blocks still live at the end were allocated at this many separate moments (see
     *                     {@link #moments}): 1 for a single burst, more for memory kept again and again
     * @param firstAllocX  x (same units as {@code x}) of the stack's first allocation
     * @param lastAllocX   x of its last allocation
     */
    public record Series(double[] x, long[] bytes, boolean otherThread, long endedThreadBlocks, int keptMoments,
                         double firstAllocX, double lastAllocX) {
    }

    /** Runs of consecutive set bits: a burst that straddles two adjacent parts is one moment. */
    static int runs(int mask) {
        return Integer.bitCount(mask & ~(mask << 1));
    }

    /** Kept blocks spread over at least this many of the {@value #SEGMENTS} parts may be counted by epochs. */
    static final int SPREAD_PARTS = 3;

    /**
     * Separate moments at which a stack kept blocks: runs of the parts where they were allocated (a steady leak that
     * fills every part is one run, though), or, when the blocks are spread over at least {@value #SPREAD_PARTS}
     * parts, the number of distinct epochs among them (blocks allocated with a free by the same thread in between:
     * a request loop that leaks one block per request; a table filled in one go shares one epoch), at most the
     * number of parts.
     */
    static int moments(int mask, int epochs) {
        int parts = Integer.bitCount(mask);
        return Math.max(runs(mask), parts >= SPREAD_PARTS ? Math.min(epochs, parts) : 0);
    }

    /**
     * How many separate times the never-freed part of a series rose: the floor (the minimum from each point to the
     * end) is what stays for good; each bucket where it steps up is a moment the program kept memory it never gave
     * back. A burst at one moment (filling a table at start-up or before exit) is one step; a leak in a loop is many.
     */
    public static int floorSteps(long[] y) {
        int steps = 0;
        long floor = Long.MAX_VALUE;
        long[] min = new long[y.length];
        for (int i = y.length - 1; i >= 0; i--) {
            if (y[i] >= 0) floor = Math.min(floor, y[i]);
            min[i] = floor == Long.MAX_VALUE ? 0 : floor;
        }
        long prev = 0;
        for (long m : min) {
            if (m > prev) steps++;
            prev = Math.max(prev, m);
        }
        return steps;
    }

    /**
     * @param byTime      x is seconds (else event index)
     * @param processExit the trace shows the process ending
     * @param threads     the events carry thread ids
     * @param series      per stack (identity of the interned stacks)
     * @param killedBy    the signal that ended the process (it crashed), or null
     */
    public record Result(boolean byTime, boolean processExit, boolean threads, Map<Stack, Series> series, long firstTimeNs,
                         long lastTimeNs, String killedBy) {
        public Series of(Stack s) {
            return series.get(s);
        }
    }
}
