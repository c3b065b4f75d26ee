package io.heapsift.replay;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.Footprint;
import io.heapsift.model.LiveBlocks;
import io.heapsift.model.MallInfo;
import io.heapsift.model.PlacementBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a trace's event stream through an {@link AllocatorModel}: each allocation, free, realloc and
 * allocator call becomes the same call on the model, with the trace's addresses mapped to the model's.
 * Incomplete traces replay without failing; every guess is counted in {@link Incomplete}.
 * Not thread-safe; one replayer per model and trace.
 */
public final class Replayer implements EventSink {

    private static final int MAIN_THREAD = 1;

    private final AllocatorModel model;
    private final ReplayOptions options;
    private final String configLabel;
    /** Trace address → live block: the model's own table if it offers one, else the replay's. */
    private final LiveBlocks live;
    private final PlacementCheck placement = new PlacementCheck();
    /** The model's placement of the allocation being bound (reused: no object per allocation). */
    private final PlacementBuffer placed = new PlacementBuffer();
    private final PinningAnalysis.StackTable stacks = new PinningAnalysis.StackTable();
    private final Timeline timeline;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    /** Allocations without a trace address: {modelAddress, size, stackId}, keyed by placement for late binding. */
    private final Map<Long, ArrayDeque<long[]>> unmatched = new HashMap<>();
    private final List<long[]> unmatchedList = new ArrayList<>();
    private final IntMap threads = new IntMap();

    private int lastTraceTid = Integer.MIN_VALUE, lastModelTid, nextModelTid = MAIN_THREAD;
    private long index, line, time = TraceEvent.NO_TIME, firstTime = TraceEvent.NO_TIME;
    private boolean processExited;
    private long nextTrimAt, nextTrimTime = Long.MIN_VALUE;
    private final FootprintProbe probe;
    private Sample peak, peakSpan;
    private long peakRss = -1, peakSpanBytes = -1;
    private Pinning pinningPeak;
    /** Requested and chunk bytes of live blocks, tallied here so that cheap samples need no chunk walk. */
    private long liveRequested, liveChunks;
    /** Sum of keys read by {@link LiveBlocks#touch} (kept only so that the reads are not optimised away). */
    private long touched;
    /** Events not yet paid for by a full footprint (which walks every chunk). */
    private long budget;
    private ReplayResult result;

    // counts
    private long allocs, frees, reallocs, trims, mallopts, periodicTrims, threadExits;
    /** Unknown frees per model thread since its last allocation: explained if the thread exits next. */
    private long[] pendingUnknown = new long[16];
    private long unexplainedFrees;
    private long unknownFrees, unknownReallocs, unmatchedAllocs, lateBound, failedAllocs, failedReallocs,
            unknownSizes, reusedLive, noThread, modelRefused, notHeap, ignoredThreadExits;

    public Replayer(AllocatorModel model, ReplayOptions options, String configLabel) {
        this.model = model;
        this.options = options;
        this.configLabel = configLabel;
        LiveBlocks own = model.liveBlocks();
        this.live = own != null ? own : new AddressMap(1 << 14);
        this.timeline = new Timeline(options.timelinePoints());
        this.probe = new FootprintProbe(model);
        this.nextTrimAt = options.trimEveryEvents();
    }

    public Replayer(AllocatorModel model) {
        this(model, ReplayOptions.defaults(), "defaults");
    }

    @Override
    public void accept(TraceEvent e) {
        index++;
        line = e.line();
        boolean grew;
        if (e instanceof Alloc a) grew = onAlloc(a);
        else if (e instanceof Free f) grew = onFree(f);
        else if (e instanceof Realloc r) grew = onRealloc(r);
        else if (e instanceof AllocatorCall c) grew = onCall(c);
        else if (e instanceof ThreadExit t) grew = onThreadExit(t);
        else if (e instanceof ProcessExit p) {
            processExited = true;
            grew = false;
            clock(p.timeNs());
        } else grew = false;
        periodicTrim();
        observe(grew);
    }

    // ------------------------------------------------------------------ events

    private boolean onAlloc(Alloc a) {
        clock(a.timeNs());
        if (a.kind() == AllocKind.MMAP || a.kind() == AllocKind.KERNEL) {
            notHeap++;
            return false;
        }
        if (a.failed()) {
            failedAllocs++;
            return false;
        }
        if (a.size() == TraceEvent.NO_SIZE) {
            unknownSizes++;
            return false;
        }
        touched += live.touch(a.address());
        int tid = thread(a.tid());
        int tag = tag(a.stack());
        if (tid < pendingUnknown.length && pendingUnknown[tid] != 0) pending(tid, 0);
        long m = allocate(tid, a, tag);
        allocs++;
        if (m == 0) {
            modelRefused++;
            return true;
        }
        bind(a.address(), m, a.size(), tag, a.kind().isAligned() || a.alignment() > 16);
        return true;
    }

    private long allocate(int tid, Alloc a, int tag) {
        long align = a.alignment();
        switch (a.kind()) {
            case CALLOC:
                return model.calloc(tid, a.size(), tag);
            case MEMALIGN: case POSIX_MEMALIGN: case ALIGNED_ALLOC: case VALLOC: case PVALLOC:
                return model.memalign(tid, align, a.size(), a.kind(), tag);
            case NEW: case NEW_ARRAY:
                if (align > 16) {
                    // libstdc++'s aligned operator new calls aligned_alloc with the size rounded up to the alignment
                    long size = (a.size() + align - 1) & -align;
                    return model.memalign(tid, align, size, AllocKind.ALIGNED_ALLOC, tag);
                }
                return model.malloc(tid, a.size(), tag);
            default:
                return model.malloc(tid, a.size(), tag);
        }
    }

    private boolean onFree(Free f) {
        clock(f.timeNs());
        if (f.kind() == FreeKind.MUNMAP || f.kind() == FreeKind.KERNEL) {
            notHeap++;
            return false;
        }
        if (f.address() == 0) return false;
        int tid = thread(f.tid());
        if (live.remove(f.address()) || lateBind(f.address())) {
            untally();
            model.free(tid, live.foundModel, live.foundBlock);
            frees++;
        } else {
            unknownFrees++;
            pending(tid, 1);
        }
        return false;
    }

    /**
     * glibc frees a thread's cached chunks and its tcache block right before the thread ends, so unknown frees
     * followed by the thread's exit are expected; unknown frees followed by more allocations are not (lost or
     * misordered events).
     */
    private void pending(int tid, long n) {
        if (tid >= pendingUnknown.length) pendingUnknown = java.util.Arrays.copyOf(pendingUnknown, tid * 2);
        if (n > 0) {
            pendingUnknown[tid] += n;
        } else {
            unexplainedFrees += pendingUnknown[tid];
            pendingUnknown[tid] = 0;
        }
    }

    private boolean onRealloc(Realloc r) {
        clock(r.timeNs());
        int tid = thread(r.tid());
        int tag = tag(r.stack());
        if (r.oldAddress() == 0) {
            if (r.newAddress() == 0) {
                failedAllocs++;
                return false;
            }
            long m = model.realloc(tid, 0, r.size(), tag);
            allocs++;
            if (m == 0) modelRefused++;
            else bind(r.newAddress(), m, r.size(), tag, false);
            return true;
        }
        if (r.failed()) {
            failedReallocs++;
            return false;
        }
        boolean known = live.remove(r.oldAddress()) || lateBind(r.oldAddress());
        if (known) untally();
        if (r.freesOnly()) {
            if (!known) {
                unknownReallocs++;
                return false;
            }
            model.realloc(tid, live.foundModel, live.foundBlock, 0, tag);
            frees++;
            return false;
        }
        long m;
        touched += live.touch(r.newAddress());
        if (known) {
            m = model.realloc(tid, live.foundModel, live.foundBlock, r.size(), tag);
            reallocs++;
        } else {
            unknownReallocs++;
            m = model.malloc(tid, r.size(), tag);
            allocs++;
        }
        if (m == 0) modelRefused++;
        else bind(r.newAddress(), m, r.size(), tag, false);
        return true;
    }

    private boolean onCall(AllocatorCall c) {
        clock(c.timeNs());
        int tid = thread(c.tid());
        switch (c.kind()) {
            case MALLOC_TRIM -> {
                model.mallocTrim(tid, c.arg0());
                trims++;
            }
            case MALLOPT -> {
                model.mallopt(tid, (int) c.arg0(), c.arg1());
                mallopts++;
            }
            case MALLINFO -> {
                Sample s = sample(Sample.Mark.CHECKPOINT);
                MallInfo traced = Checkpoint.traced(c.info());
                checkpoints.add(new Checkpoint(checkpoints.size() + 1, model.mallinfo(), s, traced));
            }
        }
        return false;
    }

    private boolean onThreadExit(ThreadExit t) {
        clock(t.timeNs());
        int m = threads.get(t.tid());
        if (m <= 0 || m == MAIN_THREAD || processExited) {
            // the main thread's exit is the process's; threads killed by exit_group run no tcache shutdown
            ignoredThreadExits++;
            return false;
        }
        model.threadExit(m);
        if (m < pendingUnknown.length) pendingUnknown[m] = 0; // its unknown frees were the tcache shutdown
        threads.remove(t.tid());
        lastTraceTid = Integer.MIN_VALUE;
        threadExits++;
        return false;
    }

    // ------------------------------------------------------------------ helpers

    /** Maps a trace thread to a model thread: the first seen (and NO_TID) is thread 1. */
    private int thread(int traceTid) {
        if (traceTid == lastTraceTid) return lastModelTid;
        int m;
        if (traceTid == TraceEvent.NO_TID) {
            noThread++;
            if (nextModelTid == MAIN_THREAD) nextModelTid++; // thread 1 is now in use
            return MAIN_THREAD;
        }
        int known = threads.get(traceTid);
        if (known > 0) {
            m = known;
        } else {
            m = nextModelTid++;
            threads.put(traceTid, m);
        }
        lastTraceTid = traceTid;
        lastModelTid = m;
        return m;
    }

    private int tag(Stack s) {
        stacks.see(s);
        return s.id();
    }

    private void bind(long traceAddr, long m, long size, int tag, boolean aligned) {
        PlacementBuffer p = model.placement(m, placed) ? placed : null;
        long chunk = p != null ? p.chunkSize : Math.max(32, (size + 8 + 15) & ~15L);
        liveRequested += size;
        liveChunks += chunk;
        if (traceAddr == TraceEvent.NO_ADDRESS) {
            unmatchedAllocs++;
            long[] u = {m, size, tag, chunk};
            unmatchedList.add(u);
            if (p != null) unmatched.computeIfAbsent(PlacementCheck.key(p), k -> new ArrayDeque<>()).add(u);
            return;
        }
        if (live.put(traceAddr, m, size, chunk, tag, model.lastBlock())) {
            // the trace lost this address's free: release the old block first, as glibc must have done
            reusedLive++;
            untally();
            model.free(lastModelTid > 0 ? lastModelTid : MAIN_THREAD, live.foundModel, live.foundBlock);
        }
        if (options.placement() && p != null) placement.compare(traceAddr, p, line, aligned);
    }

    private void untally() {
        liveRequested -= live.foundSize;
        liveChunks -= live.foundChunk;
    }

    /** Ties an unknown trace address to an address-less allocation placed at the same offset; fills live.found*. */
    private boolean lateBind(long traceAddr) {
        if (unmatched.isEmpty() || !placement.baseKnown()) return false;
        long key = placement.key(traceAddr);
        ArrayDeque<long[]> q = unmatched.get(key);
        if (q == null) {
            key = placement.alternateKey(traceAddr);
            q = key == -1 ? null : unmatched.get(key);
        }
        if (q == null) return false;
        long[] u = q.poll();
        if (q.isEmpty()) unmatched.remove(key);
        unmatchedList.remove(u);
        lateBound++;
        live.foundModel = u[0];
        live.foundSize = u[1];
        live.foundStack = (int) u[2];
        live.foundChunk = u[3];
        live.foundBlock = null;
        return true;
    }

    private void clock(long t) {
        if (t == TraceEvent.NO_TIME) return;
        time = t;
        if (firstTime == TraceEvent.NO_TIME) firstTime = t;
    }

    private void periodicTrim() {
        if (options.trimEveryEvents() > 0 && index >= nextTrimAt) {
            nextTrimAt = index + options.trimEveryEvents();
            trimNow();
        } else if (options.trimEveryNs() > 0 && time != TraceEvent.NO_TIME) {
            if (nextTrimTime == Long.MIN_VALUE) nextTrimTime = time + options.trimEveryNs();
            else if (time >= nextTrimTime) {
                // one trim per elapsed period boundary reached, as a timer thread would do between two events
                nextTrimTime += ((time - nextTrimTime) / options.trimEveryNs() + 1) * options.trimEveryNs();
                trimNow();
            }
        }
    }

    private void trimNow() {
        model.mallocTrim(MAIN_THREAD, 0);
        periodicTrims++;
    }

    /**
     * Peak tracking after events that can raise the footprint (O(1) resident bytes, O(arenas) mallinfo), full
     * samples where a first pass found the peaks, regular samples on their schedule: a full footprint when the
     * events since the last one have paid for its chunk walk, else the cheap one without trimmable bytes.
     */
    private void observe(boolean grew) {
        budget++;
        if (grew) {
            long rss = model.residentBytes();
            if (rss > peakRss) {
                peakRss = rss;
                peak = new Sample(index, line, time, FootprintProbe.partial(rss, FootprintProbe.UNKNOWN,
                        FootprintProbe.UNKNOWN), null, Sample.Mark.PEAK);
            }
            long span = model.arenaPlusMmapBytes();
            if (span > peakSpanBytes) {
                MallInfo mi = model.mallinfo();
                peakSpanBytes = span;
                peakSpan = new Sample(index, line, time, FootprintProbe.partial(rss, mi.arena(), mi.hblkhd()), null,
                        Sample.Mark.PEAK);
            }
        }
        if (index == options.capturePeakAt()) {
            peak = sample(probe.full(), Sample.Mark.PEAK);
            pinningPeak = pinning();
        }
        if (index == options.captureSpanAt()) peakSpan = sample(probe.full(), Sample.Mark.PEAK);
        if (timeline.due(index)) {
            Footprint fp = probe.lite(liveRequested, liveChunks);
            // the chunk walk visits every chunk and scans the pages of every free run; it may take about a
            // tenth of the replay's time (an event costs the model far more than one step of the walk)
            long cost = 10 * (live.size() + unmatchedList.size() + Math.max(0, fp.freeBytes()) / 4096 + 64);
            if (budget >= cost) {
                budget -= cost;
                fp = probe.full();
            }
            timeline.add(sample(fp, Sample.Mark.REGULAR));
        }
    }

    private Sample sample(Sample.Mark mark) {
        return sample(probe.full(), mark);
    }

    private Sample sample(Footprint fp, Sample.Mark mark) {
        return new Sample(index, line, time, fp, probe.arenas(), mark);
    }

    private Pinning pinning() {
        return PinningAnalysis.compute(model, index, live, unmatchedList, stacks, options.pinningTop());
    }

    /** Trace thread id → model thread id (0 = absent): open addressing on ints, no boxing on the hot path. */
    private static final class IntMap {
        private int[] keys = new int[64];
        private int[] values = new int[64];
        private int size;

        int get(int k) {
            int mask = keys.length - 1;
            for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
                if (values[i] == 0) return 0;
                if (keys[i] == k) return values[i];
            }
        }

        void put(int k, int v) {
            if ((size + 1) * 2 > keys.length) grow();
            int mask = keys.length - 1;
            for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
                if (values[i] == 0 || keys[i] == k) {
                    if (values[i] == 0) size++;
                    keys[i] = k;
                    values[i] = v;
                    return;
                }
            }
        }

        /** Removal keeps the key with a tombstone value (-1) so probe chains stay intact. */
        void remove(int k) {
            int mask = keys.length - 1;
            for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
                if (values[i] == 0) return;
                if (keys[i] == k) {
                    values[i] = -1;
                    return;
                }
            }
        }

        private static int mix(int k) {
            return k * 0x9E3779B9 >>> 7;
        }

        private void grow() {
            int[] ok = keys, ov = values;
            keys = new int[ok.length * 2];
            values = new int[ok.length * 2];
            size = 0;
            for (int i = 0; i < ok.length; i++) if (ov[i] > 0) put(ok[i], ov[i]);
        }
    }

    @Override
    public void end() {
        result();
    }

    /** The outcome; computed once, after the last event. */
    public ReplayResult result() {
        if (result != null) return result;
        Sample end = sample(Sample.Mark.END);
        if (peak == null || end.footprint().rssBytes() > peakRss || peak.eventIndex() == index) {
            peak = end.as(Sample.Mark.PEAK);
        }
        if (peakSpan == null || end.heapPlusMmap() > peakSpanBytes || peakSpan.eventIndex() == index) {
            peakSpan = end.as(Sample.Mark.PEAK);
        }
        Pinning atEnd = pinning();
        Pinning atPeak = pinningPeak;
        if (atPeak == null && peak.eventIndex() == index) atPeak = atEnd;
        List<Sample> series = new ArrayList<>(timeline.samples());
        for (Checkpoint c : checkpoints) series.add(c.sample());
        series.add(peak);
        series.add(end);
        series.sort((a, b) -> a.eventIndex() != b.eventIndex() ? Long.compare(a.eventIndex(), b.eventIndex())
                : Integer.compare(a.mark().ordinal(), b.mark().ordinal()));
        for (long p : pendingUnknown) unexplainedFrees += p;
        java.util.Arrays.fill(pendingUnknown, 0);
        Incomplete inc = new Incomplete(unknownFrees, unexplainedFrees, unknownReallocs, unmatchedAllocs, lateBound, failedAllocs,
                failedReallocs, unknownSizes, reusedLive, noThread, modelRefused, notHeap, ignoredThreadExits);
        ReplayResult.Counts counts = new ReplayResult.Counts(allocs, frees, reallocs, trims, mallopts, periodicTrims,
                nextModelTid - 1, threadExits);
        result = new ReplayResult(configLabel, index, counts, peak, peakSpan, end, List.copyOf(series),
                timeline.interval(), List.copyOf(checkpoints), options.placement() ? placement.result() : null, inc,
                atPeak, atEnd, firstTime, time);
        return result;
    }
}
