package io.heapsift.bench;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.Footprint;
import io.heapsift.model.MallInfo;
import io.heapsift.model.Placement;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.replay.ReplayOptions;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Replayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Replay throughput: a pre-parsed, in-memory list of {@value #EVENTS} events (a generated but realistic mix:
 * 4 threads, mostly small blocks with a long tail up to a few MiB, frees of random live blocks, reallocs,
 * callocs, aligned allocations, periodic mallinfo2 checkpoints, threads that exit and are replaced) is replayed
 * through {@link Replayer} + {@link PtmallocModel}. The score is events per second ({@code ops/s}).
 * {@code model=none} replays through a trivial bump allocator, to show the driver's own cost.
 *
 * <p>Run: {@code bench/replay.sh}, or
 * {@code mvn -Pjmh -DskipTests test-compile exec:exec -Djmh.args="-f 1 -wi 3 -i 5 ReplayBench"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class ReplayBench {

    static final int EVENTS = 1_000_000;

    @Param({"ptmalloc", "none"})
    public String model;

    /** Compare placement with the trace addresses (one model lookup per allocation). */
    @Param({"true"})
    public boolean placement;

    List<TraceEvent> events;

    @Setup(Level.Trial)
    public void generate() {
        events = generate(EVENTS, 42);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public ReplayResult replay() {
        AllocatorModel m = model.equals("none") ? new BumpModel() : new PtmallocModel();
        Replayer r = new Replayer(m, ReplayOptions.defaults().withPlacement(placement), "defaults");
        for (TraceEvent e : events) r.accept(e);
        r.end();
        return r.result();
    }

    /** The generated trace: deterministic for a seed. */
    static List<TraceEvent> generate(int n, long seed) {
        Random rnd = new Random(seed);
        Stacks stacks = new Stacks();
        Stack[] pool = new Stack[300];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = stacks.intern(List.of(Frame.of("alloc_site_" + i), Frame.of("work_" + (i % 17)), Frame.of("main")));
        }
        int threads = 4;
        int[] tids = {1000, 1001, 1002, 1003};
        int nextTid = 1004;
        @SuppressWarnings("unchecked")
        List<long[]>[] live = new List[threads]; // {address, size}
        for (int i = 0; i < threads; i++) live[i] = new ArrayList<>();
        List<TraceEvent> out = new ArrayList<>(n + 16);
        long addr = 0x5555_5555_a000L;
        long t = 1_000_000_000L;
        long line = 0;
        while (out.size() < n) {
            int th = rnd.nextInt(threads);
            int tid = tids[th];
            List<long[]> blocks = live[th];
            t += 50 + rnd.nextInt(500);
            line++;
            double r = rnd.nextDouble();
            Stack st = pool[(int) Math.min(pool.length - 1, Math.abs(rnd.nextGaussian()) * 60)];
            if (line % 200_000 == 0) {
                out.add(new AllocatorCall(line, t, tid, AllocatorCall.Kind.MALLINFO, 0, 0, 0));
            } else if (th > 0 && rnd.nextInt(150_000) == 0) {
                // a worker thread ends: frees what it still holds, exits, and a new worker takes its place
                for (long[] b : blocks) out.add(new Free(++line, t, tid, FreeKind.FREE, b[0], TraceEvent.NO_SIZE, null));
                blocks.clear();
                out.add(new ThreadExit(++line, t, tid));
                tids[th] = nextTid++;
            } else if (!blocks.isEmpty() && (r < 0.45 || blocks.size() > 20_000)) {
                long[] b = blocks.remove(rnd.nextInt(blocks.size()));
                out.add(new Free(line, t, tid, FreeKind.FREE, b[0], TraceEvent.NO_SIZE, null));
            } else if (!blocks.isEmpty() && r < 0.50) {
                int i = rnd.nextInt(blocks.size());
                long[] b = blocks.get(i);
                long size = size(rnd);
                addr += 16 + ((size + 15) & ~15L);
                out.add(new Realloc(line, t, tid, false, b[0], size, addr, st));
                blocks.set(i, new long[] {addr, size});
            } else {
                long size = size(rnd);
                addr += 16 + ((size + 15) & ~15L);
                AllocKind kind = r < 0.55 ? AllocKind.CALLOC : r < 0.56 ? AllocKind.POSIX_MEMALIGN : AllocKind.MALLOC;
                long align = kind == AllocKind.POSIX_MEMALIGN ? 64 : 0;
                out.add(new Alloc(line, t, tid, kind, size, addr, align, st));
                blocks.add(new long[] {addr, size});
            }
        }
        return out.subList(0, n);
    }

    /** Mostly small, log-uniform tail to a few MiB. */
    static long size(Random rnd) {
        double u = rnd.nextDouble();
        if (u < 0.70) return 8 + rnd.nextInt(248);
        if (u < 0.93) return 256 + rnd.nextInt(3840);
        if (u < 0.995) return 4096 + rnd.nextInt(120_000);
        return 128 * 1024 + rnd.nextInt(4 << 20);
    }

    /** A trivial model: a bump pointer, nothing reused, constant-time statistics. */
    static final class BumpModel implements AllocatorModel {
        private long next = 0x10000, live;

        private long take(long size) {
            long a = next;
            next += (size + 31) & ~15L;
            live += size;
            return a;
        }

        @Override public long malloc(int tid, long size, int tag) { return take(size); }
        @Override public long calloc(int tid, long size, int tag) { return take(size); }
        @Override public long realloc(int tid, long address, long size, int tag) { return size == 0 ? 0 : take(size); }
        @Override public long memalign(int tid, long alignment, long size, AllocKind kind, int tag) { return take(size); }
        @Override public void free(int tid, long address) { }
        @Override public int mallocTrim(int tid, long pad) { return 0; }
        @Override public int mallopt(int tid, int param, long value) { return 1; }
        @Override public void threadExit(int tid) { }
        @Override public MallInfo mallinfo() { return new MallInfo(next, 1, 0, 0, 0, live, 0, 0, 0); }
        @Override public Footprint footprint() { return new Footprint(live, live, next, 0, 0, 0, 0, 0, 0, 0, 0, next, next); }
        @Override public Placement placement(long address) { return new Placement(0, address - 0x10000, false, 32); }
    }
}
