package io.heapsift.replay;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayerTest {

    /** The traced process's sbrk base: trace addresses are the fake model's shifted by this. */
    static final long GLIBC_BASE = 0x555555559000L;
    static final long SHIFT = GLIBC_BASE - FakeModel.BASE;

    private final Stacks stacks = new Stacks();
    private final Stack s1 = stacks.intern(List.of(Frame.of("make_cache"), Frame.of("main")));
    private final Stack s2 = stacks.intern(List.of(Frame.of("pin_it"), Frame.of("main")));
    private final FakeModel model = new FakeModel();
    private long line;
    private long brk = 0x10; // mirrors the fake's bump pointer, to build glibc-consistent trace addresses

    private long next(long size) {
        long a = GLIBC_BASE + brk;
        brk += FakeModel.chunk(size);
        return a;
    }

    private Alloc malloc(int tid, long size, long addr, Stack s) {
        return new Alloc(++line, line * 1000, tid, AllocKind.MALLOC, size, addr, 0, s);
    }

    private Alloc alloc(AllocKind kind, long size, long addr, long align) {
        return new Alloc(++line, line * 1000, 1, kind, size, addr, align, s1);
    }

    private Free free(int tid, long addr) {
        return new Free(++line, line * 1000, tid, FreeKind.FREE, addr, TraceEvent.NO_SIZE, Stack.EMPTY);
    }

    private Realloc realloc(long old, long size, long addr) {
        return new Realloc(++line, line * 1000, 1, false, old, size, addr, s1);
    }

    private AllocatorCall call(AllocatorCall.Kind k, long a0, long a1) {
        return new AllocatorCall(++line, line * 1000, 1, k, a0, a1, 0);
    }

    @Test
    void each_call_kind_maps_to_the_same_model_call() {
        Replayer r = new Replayer(model);
        r.accept(malloc(1, 100, next(100), s1));
        r.accept(alloc(AllocKind.CALLOC, 200, next(200), 0));
        r.accept(alloc(AllocKind.POSIX_MEMALIGN, 64, next(64), 64));
        r.accept(alloc(AllocKind.NEW, 24, next(24), 0));
        r.accept(alloc(AllocKind.NEW_ARRAY, 40, next(48), 32));
        r.accept(call(AllocatorCall.Kind.MALLOPT, -3, 262144));
        r.accept(call(AllocatorCall.Kind.MALLOC_TRIM, 0, 0));
        r.accept(free(1, GLIBC_BASE + 0x10));
        r.end();
        assertThat(model.calls).containsExactly("malloc(1,100)", "calloc(1,200)", "memalign(1,64,64,POSIX_MEMALIGN)",
                "malloc(1,24)", "memalign(1,32,64,ALIGNED_ALLOC)", "mallopt(-3,262144)", "trim(1,0)", "free(1)");
        ReplayResult res = r.result();
        assertThat(res.counts().allocs()).isEqualTo(5);
        assertThat(res.counts().frees()).isEqualTo(1);
        assertThat(res.counts().trims()).isEqualTo(1);
        assertThat(res.counts().mallopts()).isEqualTo(1);
        assertThat(res.incomplete().complete()).isTrue();
    }

    @Test
    void realloc_null_zero_and_failed_follow_glibc() {
        Replayer r = new Replayer(model);
        long a = next(100);
        r.accept(realloc(0, 100, a));            // realloc(NULL, 100) = malloc
        long b = next(300);
        r.accept(realloc(a, 300, b));            // moves
        r.accept(realloc(b, 1L << 40, 0));       // fails: b stays
        r.accept(realloc(b, 0, 0));              // frees b
        r.accept(free(1, b));                    // b is gone now: unknown
        ReplayResult res = r.result();
        assertThat(model.calls).containsExactly("realloc(1,0,100)", "realloc(1,p,300)", "realloc(1,p,0)");
        assertThat(res.incomplete().failedReallocs()).isEqualTo(1);
        assertThat(res.incomplete().unknownFrees()).isEqualTo(1);
        assertThat(res.end().footprint().requestedLive()).isZero();
        assertThat(res.counts().reallocs()).isEqualTo(1);
    }

    @Test
    void incomplete_traces_replay_and_say_how_incomplete() {
        Replayer r = new Replayer(model);
        r.accept(malloc(1, 100, next(100), s1));
        r.accept(free(1, 0xdead0));                               // never allocated
        r.accept(realloc(0xbeef0, 500, next(500)));               // realloc of an unknown block -> malloc
        r.accept(alloc(AllocKind.MALLOC, 1L << 50, 0, 0));        // failed
        r.accept(alloc(AllocKind.MALLOC, TraceEvent.NO_SIZE, 0x1234, 0));
        r.accept(new Alloc(++line, 0, TraceEvent.NO_TID, AllocKind.MALLOC, 10, next(10), 0, s1));
        long hidden = next(64);                                   // ltrace: posix_memalign's pointer not shown
        r.accept(alloc(AllocKind.POSIX_MEMALIGN, 64, TraceEvent.NO_ADDRESS, 64));
        r.accept(free(1, hidden));                                // ... but freed later: tied by placement
        ReplayResult res = r.result();
        Incomplete inc = res.incomplete();
        assertThat(inc.unknownFrees()).isEqualTo(1);
        assertThat(inc.unexplainedFrees()).isEqualTo(1); // more allocations followed: not a thread's exit
        assertThat(inc.unknownReallocs()).isEqualTo(1);
        assertThat(inc.failedAllocs()).isEqualTo(1);
        assertThat(inc.unknownSizes()).isEqualTo(1);
        assertThat(inc.noThread()).isEqualTo(1);
        assertThat(inc.unmatchedAllocs()).isEqualTo(1);
        assertThat(inc.lateBound()).isEqualTo(1);
        assertThat(inc.complete()).isFalse();
        assertThat(model.calls).contains("malloc(1,500)", "malloc(1,10)").endsWith("free(1)");
        assertThat(res.end().footprint().requestedLive()).isEqualTo(100 + 500 + 10);
    }

    @Test
    void threads_map_to_model_threads_and_only_real_thread_exits_replay() {
        Replayer r = new Replayer(model);
        r.accept(malloc(500, 10, next(10), s1));   // first thread seen = the main thread
        r.accept(malloc(501, 10, next(10), s1));
        r.accept(malloc(502, 10, next(10), s1));
        r.accept(free(501, 0x7f0000000b70L));     // glibc's tcache shutdown: frees of blocks the trace never saw
        r.accept(free(501, 0x7f0000000010L));
        r.accept(new ThreadExit(++line, 0, 501));
        r.accept(new ThreadExit(++line, 0, 500));  // the main thread: ignored
        r.accept(new ProcessExit(++line, 0, 500, 0, null));
        r.accept(new ThreadExit(++line, 0, 502));  // killed by exit_group: ignored
        ReplayResult res = r.result();
        assertThat(model.calls).containsExactly("malloc(1,10)", "malloc(2,10)", "malloc(3,10)", "exit(2)");
        assertThat(res.counts().threads()).isEqualTo(3);
        assertThat(res.counts().threadExits()).isEqualTo(1);
        assertThat(res.incomplete().ignoredThreadExits()).isEqualTo(2);
        assertThat(res.incomplete().unknownFrees()).isEqualTo(2);
        assertThat(res.incomplete().unexplainedFrees()).isZero();
        assertThat(res.incomplete().complete()).isTrue();
    }

    @Test
    void placement_is_exact_when_the_model_puts_chunks_where_glibc_did() {
        Replayer r = new Replayer(model);
        long a = next(100);
        r.accept(malloc(1, 100, a, s1));
        r.accept(malloc(1, 5000, next(5000), s1));
        r.accept(malloc(1, 1 << 20, 0x7f1234560010L, s1));    // mmapped by both
        r.accept(malloc(1, 40, next(40) + 0x40, s1));          // glibc put it elsewhere
        PlacementFidelity p = r.result().placement();
        assertThat(p.sbrkBase()).isEqualTo(GLIBC_BASE);
        assertThat(p.placed()).isEqualTo(4);
        assertThat(p.placedExact()).isEqualTo(3);
        assertThat(p.sameSide()).isEqualTo(4);
        assertThat(p.mmapPlaced()).isEqualTo(1);
        assertThat(p.mmapExact()).isEqualTo(1);
        assertThat(p.mainPlaced()).isEqualTo(3);
        assertThat(p.firstMismatchLine()).isEqualTo(4);
        assertThat(p.firstMismatch()).contains("glibc main+0x").contains("model main+0x");
    }

    @Test
    void mallinfo_calls_are_checkpoints_with_the_models_numbers() {
        Replayer r = new Replayer(model);
        r.accept(call(AllocatorCall.Kind.MALLINFO, 0, 0));
        r.accept(malloc(1, 100, next(100), s1));
        r.accept(call(AllocatorCall.Kind.MALLINFO, 0, 0));
        ReplayResult res = r.result();
        assertThat(res.checkpoints()).hasSize(2);
        assertThat(res.checkpoints().get(1).ordinal()).isEqualTo(2);
        assertThat(res.checkpoints().get(1).mallinfo().uordblks()).isEqualTo(0x10 + 112); // the fake counts its 16-byte start as used
        assertThat(res.checkpoints().get(1).sample().eventIndex()).isEqualTo(3);
        assertThat(res.timeline()).anyMatch(s -> s.mark() == Sample.Mark.CHECKPOINT);
    }

    @Test
    void timeline_stays_bounded_and_keeps_peak_and_end() {
        Replayer r = new Replayer(model, ReplayOptions.defaults().withTimelinePoints(100), "defaults");
        long[] addrs = new long[1000];
        for (int i = 0; i < 1000; i++) {
            addrs[i] = next(1000);
            r.accept(malloc(1, 1000, addrs[i], s1));
        }
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 1000; i++) r.accept(free(1, addrs[i]));
            for (int i = 0; i < 1000; i++) r.accept(malloc(1, 1000, addrs[i], s1));
        }
        ReplayResult res = r.result();
        long regular = res.timeline().stream().filter(s -> s.mark() == Sample.Mark.REGULAR).count();
        assertThat(regular).isBetween(50L, 100L);
        assertThat(res.interval()).isGreaterThan(1);
        assertThat(res.events()).isEqualTo(101_000);
        assertThat(res.peak().footprint().rssBytes()).isEqualTo(res.end().footprint().rssBytes());
        assertThat(res.peak().eventIndex()).isEqualTo(1000); // the first time the heap reached its size
        assertThat(res.timeline().get(res.timeline().size() - 1).mark()).isEqualTo(Sample.Mark.END);
    }

    @Test
    void periodic_trim_runs_every_n_events_or_every_period_of_trace_time() {
        Replayer r = new Replayer(model, ReplayOptions.defaults().withTrimEveryEvents(10), "defaults");
        for (int i = 0; i < 35; i++) r.accept(malloc(1, 10, next(10), s1));
        assertThat(r.result().counts().periodicTrims()).isEqualTo(3);

        FakeModel m2 = new FakeModel();
        Replayer byTime = new Replayer(m2, ReplayOptions.defaults().withTrimEveryNs(10_000), "defaults");
        line = 0;
        for (int i = 0; i < 35; i++) byTime.accept(malloc(1, 10, 0x1000 + 16L * i, s1)); // t = 1000..35000
        assertThat(byTime.result().counts().periodicTrims()).isEqualTo(3);
    }

    @Test
    void holes_are_charged_to_the_live_chunk_above_them() {
        Replayer r = new Replayer(model);
        long a = next(1000), b = next(20000), c = next(100);
        r.accept(malloc(1, 1000, a, s1));
        r.accept(malloc(1, 20000, b, s1));
        r.accept(malloc(1, 100, c, s2));
        r.accept(free(1, b));
        ReplayResult res = r.result();
        Pinning p = res.pinningEnd();
        long hole = FakeModel.chunk(20000);
        assertThat(p.exact()).isFalse(); // the fake has no chunk walk: approximated from placements
        assertThat(p.blockedBytes()).isEqualTo(hole);
        assertThat(p.releasableBytes()).isEqualTo(PinningAnalysis.madvisable(1008, 1008 + hole));
        assertThat(p.pinnedBytes()).isEqualTo(hole - p.releasableBytes());
        assertThat(p.stacks()).hasSize(1);
        assertThat(p.stacks().get(0).stack()).isSameAs(s2);
        assertThat(p.stacks().get(0).blockedBytes()).isEqualTo(hole);
        assertThat(p.stacks().get(0).pinnedBytes()).isEqualTo(p.pinnedBytes());
        assertThat(p.arenas()).singleElement().satisfies(ar -> {
            assertThat(ar.arena()).isZero();
            assertThat(ar.runs()).isEqualTo(1);
            assertThat(ar.blockedBytes()).isEqualTo(hole);
        });
    }

    @Test
    void peak_pinning_is_taken_at_the_requested_event() {
        Replayer first = new Replayer(new FakeModel());
        List<TraceEvent> events = List.of(malloc(1, 1000, next(1000), s1), malloc(1, 20000, next(20000), s1),
                malloc(1, 5000, next(5000), s2), free(1, GLIBC_BASE + 0x10 + 1008), free(1, GLIBC_BASE + 0x10));
        events.forEach(first::accept);
        long peakAt = first.result().peak().eventIndex();
        assertThat(peakAt).isEqualTo(3);
        assertThat(first.result().peak().footprint().trimmableBytes()).isEqualTo(-1); // first pass: RSS only
        Replayer second = new Replayer(new FakeModel(), ReplayOptions.defaults().withCapture(peakAt, peakAt), "defaults");
        events.forEach(second::accept);
        assertThat(second.result().peak().footprint().trimmableBytes()).isZero();
        assertThat(second.result().peak().footprint().requestedLive()).isEqualTo(1000 + 20000 + 5000);
        assertThat(second.result().pinningPeak().eventIndex()).isEqualTo(3);
        assertThat(second.result().pinningPeak().blockedBytes()).isZero();
        assertThat(second.result().pinningEnd().blockedBytes()).isEqualTo(1008 + FakeModel.chunk(20000));
    }
}
