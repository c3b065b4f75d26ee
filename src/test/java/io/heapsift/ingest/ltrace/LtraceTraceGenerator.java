package io.heapsift.ingest.ltrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Writes a realistic ltrace capture of a random allocation workload, streaming (memory does not grow
 * with the number of events), and optionally reports the events a correct parser must produce from
 * it (with the line and time that parser must give them). Threads interleave: a call of one thread
 * is split into {@code <unfinished ...>} / {@code <... resumed>} whenever another thread's line comes
 * in between, as ltrace does; C++ {@code new} is shown nested ({@code _Znwm} → {@code malloc}).
 *
 * <p>Command line (for the benchmarks): {@code LtraceTraceGenerator FILE EVENTS [THREADS]} writes
 * {@code -f -tt} lines.
 */
public final class LtraceTraceGenerator {

    /** How the pid is printed. */
    public enum PidStyle { NONE, BRACKETS, PLAIN }

    /** Which time prefix is printed. */
    public enum TimeStyle { NONE, T, TT, TTT, R, R_TT }

    /**
     * @param threads     number of threads (1 = leader only; more needs a pid style)
     * @param startUs     first clock value in µs (since midnight for -t/-tt, epoch for -ttt)
     * @param nullText    how NULL is printed: "0" (0.7.3), "nil" (later), "NULL" (≤0.6)
     * @param caller      CALLER-> prefix, e.g. "prog", or null
     * @param entryLib    "@LIB" entry form, e.g. "libc.so.6", or null
     * @param demangle    print C++ operators demangled (-C)
     */
    public record Options(int threads, PidStyle pid, TimeStyle time, boolean durations, boolean ip, String nullText,
                          String caller, String entryLib, boolean demangle, long seed, long startUs, int maxLive) {

        /** The -f -tt form of the benchmark file. */
        public static Options benchmark(int threads, long seed) {
            return new Options(threads, PidStyle.BRACKETS, TimeStyle.TT, false, false, "0", "prog", null, false, seed,
                    (10 * 3600L + 11 * 60 + 12) * 1_000_000L, 2000);
        }
    }

    private static final int LEADER = 4000;
    private static final long MIDNIGHT_US = 86_400_000_000L;

    private final Options o;
    private final Random rnd;
    private final Writer out;
    private final Consumer<TraceEvent> expect;
    private final GenThread[] threads;
    private final StringBuilder sb = new StringBuilder(160);
    private long line;
    private long clockUs;
    private long firstUs = -1;
    private long printedUs = -1;
    private long nextAddress = 0x55d5c8e2a000L;

    private LtraceTraceGenerator(Options o, Writer out, Consumer<TraceEvent> expect) {
        if (o.threads() > 1 && o.pid() == PidStyle.NONE) throw new IllegalArgumentException("threads need a pid prefix");
        this.o = o;
        this.rnd = new Random(o.seed());
        this.out = out;
        this.expect = expect == null ? e -> { } : expect;
        this.clockUs = o.startUs();
        this.threads = new GenThread[o.threads()];
        for (int i = 0; i < threads.length; i++) threads[i] = new GenThread(o.pid() == PidStyle.NONE ? 0 : LEADER + i);
    }

    /** Writes a capture with {@code calls} allocator calls; returns the number of lines written. */
    public static long write(Writer out, long calls, Options o, Consumer<TraceEvent> expect) throws IOException {
        LtraceTraceGenerator g = new LtraceTraceGenerator(o, out, expect);
        try {
            g.run(calls);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return g.line;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
            long lines = write(w, events, Options.benchmark(threads, 42), null);
            System.out.println(file + ": " + lines + " lines");
        }
    }

    // ------------------------------------------------------------------ the workload

    private void run(long calls) {
        for (long k = 0; k < calls; k++) {
            GenThread t = threads[rnd.nextInt(threads.length)];
            if (t.open != null) resume(t);
            startCall(t);
        }
        for (GenThread t : threads) {
            if (t.open != null) resume(t);
        }
        for (int i = threads.length - 1; i >= 0; i--) {
            GenThread t = threads[i];
            long time = printPrefix(t.tid, "[0xffffffffffffffff] ");
            sb.append("+++ exited (status 0) +++");
            emitLine();
            expect.accept(i == 0 ? new ProcessExit(line, time, t.tid, 0, null) : new ThreadExit(line, time, t.tid));
        }
    }

    /** A call being made on a thread: its first line is written, the completion comes later. */
    private static final class Pending {
        String name;
        String ret;
        TraceEvent event; // with line and time to be fixed at completion
        long time;
        String ip;
    }

    private static final class GenThread {
        final int tid;
        final List<Long> live = new ArrayList<>();
        final List<Long> sizes = new ArrayList<>();
        Pending open;

        GenThread(int tid) {
            this.tid = tid;
        }
    }

    private void startCall(GenThread t) {
        int r = rnd.nextInt(1000);
        if (r < 20) {
            otherCall(t);
            return;
        }
        Call c = pick(t, r);
        boolean split = threads.length > 1 && rnd.nextInt(3) == 0;
        if (c.nestedInner != null && !split) {
            nested(t, c);
            return;
        }
        String ip = ip();
        long time = printPrefix(t.tid, ip);
        sb.append(head(c.name)).append('(').append(c.args);
        if (split) {
            sb.append(rnd.nextInt(8) == 0 ? " <no return ...>" : " <unfinished ...>");
            emitLine();
            Pending p = new Pending();
            p.name = c.printedName;
            p.ret = c.ret;
            p.event = c.event;
            p.time = time;
            p.ip = ip;
            t.open = p;
            return;
        }
        sb.append(')');
        pad().append("= ").append(c.ret);
        duration();
        emitLine();
        expect.accept(fix(c.event, line, time, t.tid, ip));
    }

    private void resume(GenThread t) {
        Pending p = t.open;
        t.open = null;
        printPrefix(t.tid, ip());
        sb.append("<... ").append(p.name).append(" resumed> )");
        pad().append("= ").append(p.ret);
        duration();
        emitLine();
        if (p.event != null) expect.accept(fix(p.event, line, p.time, t.tid, p.ip));
    }

    /** operator new shown at two levels: only the outer call is an event. */
    private void nested(GenThread t, Call c) {
        String ip = ip();
        long time = printPrefix(t.tid, ip);
        sb.append(head(c.name)).append('(').append(c.args).append(" <unfinished ...>");
        emitLine();
        printPrefix(t.tid, ip());
        sb.append(o.caller() != null ? "libstdc++.so.6->" : "").append("malloc(").append(c.nestedInner).append(')');
        pad().append("= ").append(c.ret);
        duration();
        emitLine();
        printPrefix(t.tid, ip());
        sb.append("<... ").append(c.printedName).append(" resumed> )");
        pad().append("= ").append(c.ret);
        duration();
        emitLine();
        expect.accept(fix(c.event, line, time, t.tid, ip));
    }

    private void otherCall(GenThread t) {
        printPrefix(t.tid, ip());
        sb.append(head("strlen")).append("(\"heapsift, (a) \\\"b\\\"\")");
        pad().append("= 17");
        duration();
        emitLine();
    }

    /** One allocator call: what to print and which event it gives. */
    private static final class Call {
        String name;
        String printedName;
        String args;
        String ret;
        String nestedInner;
        TraceEvent event;

        Call(String name, String args, String ret, TraceEvent event) {
            this.name = name;
            this.printedName = name;
            this.args = args;
            this.ret = ret;
            this.event = event;
        }
    }

    private Call pick(GenThread t, int r) {
        if (t.live.size() >= o.maxLive()) return free(t);
        if (r < 320 || t.live.isEmpty()) return malloc(t);
        if (r < 600) return free(t);
        if (r < 660) return calloc(t);
        if (r < 760) return realloc(t);
        if (r < 800) return aligned(t);
        if (r < 930) return cxx(t);
        if (r < 950) return failedMalloc();
        if (r < 970) return new Call("free", nul(), "<void>", new Free(0, 0, 0, FreeKind.FREE, 0, TraceEvent.NO_SIZE, null));
        return control();
    }

    private Call malloc(GenThread t) {
        long size = size();
        long a = newBlock(t, size);
        return new Call("malloc", Long.toString(size), hex(a), new Alloc(0, 0, 0, AllocKind.MALLOC, size, a, 0, null));
    }

    private Call failedMalloc() {
        return new Call("malloc", "18446744073709551615", nul(), new Alloc(0, 0, 0, AllocKind.MALLOC, -1L, 0, 0, null));
    }

    private Call calloc(GenThread t) {
        long n = 1 + rnd.nextInt(20);
        long size = 1 + rnd.nextInt(64);
        long a = newBlock(t, n * size);
        return new Call("calloc", n + ", " + size, hex(a), new Alloc(0, 0, 0, AllocKind.CALLOC, n * size, a, 0, null));
    }

    private Call free(GenThread t) {
        GenThread owner = rnd.nextInt(10) == 0 ? threads[rnd.nextInt(threads.length)] : t;
        if (owner.live.isEmpty()) owner = t;
        long a = takeBlock(owner);
        return new Call("free", hex(a), "<void>", new Free(0, 0, 0, FreeKind.FREE, a, TraceEvent.NO_SIZE, null));
    }

    private Call realloc(GenThread t) {
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            long size = size();
            long a = newBlock(t, size);
            return new Call("realloc", nul() + ", " + size, hex(a), new Realloc(0, 0, 0, false, 0, size, a, null));
        }
        long old = takeBlock(t);
        if (kind == 1) return new Call("realloc", hex(old) + ", 0", nul(), new Realloc(0, 0, 0, false, old, 0, 0, null));
        long size = size();
        long a = rnd.nextBoolean() ? old : nextAddress(size);
        t.live.add(a);
        t.sizes.add(size);
        return new Call("realloc", hex(old) + ", " + size, hex(a), new Realloc(0, 0, 0, false, old, size, a, null));
    }

    private Call aligned(GenThread t) {
        long size = size();
        long align = 1L << (5 + rnd.nextInt(4));
        switch (rnd.nextInt(3)) {
            case 0 -> {
                return new Call("posix_memalign", "0x7ffd15fd3a8, " + align + ", " + size + ", 0x20bf1", "0",
                        new Alloc(0, 0, 0, AllocKind.POSIX_MEMALIGN, size, TraceEvent.NO_ADDRESS, align, null));
            }
            case 1 -> {
                long a = newBlock(t, size);
                return new Call("memalign", align + ", " + size + ", 0, 3", hex(a),
                        new Alloc(0, 0, 0, AllocKind.MEMALIGN, size, a, align, null));
            }
            default -> {
                long a = newBlock(t, size);
                return new Call("aligned_alloc", align + ", " + size + ", 0x55ed5f58e640, 5", hex(a),
                        new Alloc(0, 0, 0, AllocKind.ALIGNED_ALLOC, size, a, align, null));
            }
        }
    }

    private Call cxx(GenThread t) {
        if (rnd.nextBoolean() || t.live.isEmpty()) {
            long size = size();
            long a = newBlock(t, size);
            boolean array = rnd.nextInt(4) == 0;
            Call c = new Call(o.demangle() ? (array ? "operator new[](unsigned long)" : "operator new(unsigned long)")
                    : (array ? "_Znam" : "_Znwm"), size + ", 0x7ffca46b3d88, 7, 7", hex(a),
                    new Alloc(0, 0, 0, array ? AllocKind.NEW_ARRAY : AllocKind.NEW, size, a, 0, null));
            if (o.entryLib() == null) c.nestedInner = Long.toString(size);
            return c;
        }
        int i = rnd.nextInt(t.live.size());
        long size = t.sizes.get(i);
        long a = takeBlock(t, i);
        return new Call(o.demangle() ? "operator delete(void*, unsigned long)" : "_ZdlPvm", hex(a) + ", " + size + ", 0, 1", "0",
                new Free(0, 0, 0, FreeKind.DELETE, a, size, null));
    }

    private Call control() {
        return switch (rnd.nextInt(3)) {
            case 0 -> new Call("malloc_trim", "0", "1", new AllocatorCall(0, 0, 0, AllocatorCall.Kind.MALLOC_TRIM, 0, 0, 1));
            case 1 -> new Call("mallopt", "-8, 2", "1", new AllocatorCall(0, 0, 0, AllocatorCall.Kind.MALLOPT, -8, 2, 1));
            default -> new Call("mallinfo2", "0x7ffd15fd3a0, 0, 0, 0", "0x7ffd15fd3a0",
                    new AllocatorCall(0, 0, 0, AllocatorCall.Kind.MALLINFO, 0, 0, 0x7ffd15fd3a0L));
        };
    }

    // ------------------------------------------------------------------ blocks and values

    private long size() {
        int r = rnd.nextInt(100);
        if (r < 70) return 1 + rnd.nextInt(256);
        if (r < 95) return 257 + rnd.nextInt(8192);
        return 131072 + rnd.nextInt(1 << 20);
    }

    private long nextAddress(long size) {
        long a = nextAddress;
        nextAddress += (size + 31) & ~15L;
        return a;
    }

    private long newBlock(GenThread t, long size) {
        long a = nextAddress(size);
        t.live.add(a);
        t.sizes.add(size);
        return a;
    }

    private long takeBlock(GenThread t) {
        return takeBlock(t, rnd.nextInt(t.live.size()));
    }

    private long takeBlock(GenThread t, int i) {
        int last = t.live.size() - 1;
        long a = t.live.get(i);
        t.live.set(i, t.live.get(last));
        t.sizes.set(i, t.sizes.get(last));
        t.live.remove(last);
        t.sizes.remove(last);
        return a;
    }

    private String nul() {
        return o.nullText();
    }

    private static String hex(long a) {
        return "0x" + Long.toHexString(a);
    }

    // ------------------------------------------------------------------ line formatting

    private String ip() {
        return o.ip() ? "[0x55990f87" + Integer.toHexString(0x1000 + rnd.nextInt(0x800)) + "] " : null;
    }

    private String head(String name) {
        String h = o.caller() != null ? o.caller() + "->" + name : name;
        return o.entryLib() != null ? h + "@" + o.entryLib() : h;
    }

    /** Writes the pid, time and ip prefixes of a new line; returns the time the parser must give it. */
    private long printPrefix(int tid, String ip) {
        clockUs += 1 + rnd.nextInt(400);
        sb.setLength(0);
        switch (o.pid()) {
            case BRACKETS -> sb.append("[pid ").append(tid).append("] ");
            case PLAIN -> sb.append(tid).append(' ');
            case NONE -> { }
        }
        long time = timePrefix();
        if (ip != null && o.ip()) sb.append(ip);
        return time;
    }

    private long timePrefix() {
        if (firstUs < 0) firstUs = clockUs;
        long time = TraceEvent.NO_TIME;
        if (o.time() == TimeStyle.R || o.time() == TimeStyle.R_TT) {
            long delta = printedUs < 0 ? 0 : clockUs - printedUs;
            printedUs = clockUs;
            String secs = Long.toString(delta / 1_000_000);
            for (int k = secs.length(); k < 3; k++) sb.append(' ');
            sb.append(secs).append('.');
            six(delta % 1_000_000).append(' ');
            time = (clockUs - firstUs) * 1000;
        }
        switch (o.time()) {
            case T -> {
                long s = clockUs / 1_000_000;
                clock(s % 86_400);
                time = s * 1_000_000_000L;
            }
            case TT, R_TT -> {
                clock((clockUs / 1_000_000) % 86_400);
                sb.append('.');
                six(clockUs % 1_000_000);
                time = clockUs * 1000;
            }
            case TTT -> {
                sb.append(clockUs / 1_000_000).append('.');
                six(clockUs % 1_000_000);
                time = clockUs * 1000;
            }
            default -> { }
        }
        if (o.time() != TimeStyle.NONE && o.time() != TimeStyle.R) sb.append(' ');
        return time;
    }

    /** Appends {@code v} (0..999999) as six digits, like printf("%06d"). */
    private StringBuilder six(long v) {
        String d = Long.toString(v);
        for (int k = d.length(); k < 6; k++) sb.append('0');
        return sb.append(d);
    }

    private void clock(long s) {
        sb.append(two(s / 3600)).append(':').append(two(s / 60 % 60)).append(':').append(two(s % 60));
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** ltrace pads "= " to column 49 (at least one space). */
    private StringBuilder pad() {
        sb.append(' ');
        while (sb.length() < 49) sb.append(' ');
        return sb;
    }

    private void duration() {
        if (o.durations()) {
            sb.append(" <0.");
            six(rnd.nextInt(1000)).append('>');
        }
    }

    private void emitLine() {
        sb.append('\n');
        line++;
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event with the line, time, thread and -i stack the parser must give it. */
    private TraceEvent fix(TraceEvent e, long ln, long time, int tid, String ip) {
        int id = tid;
        io.heapsift.event.Stack s = ipStack(ip);
        if (e instanceof Alloc a) return new Alloc(ln, time, id, a.kind(), a.size(), a.address(), a.alignment(), s);
        if (e instanceof Free f) return new Free(ln, time, id, f.kind(), f.address(), f.size(), s);
        if (e instanceof Realloc r) return new Realloc(ln, time, id, r.array(), r.oldAddress(), r.size(), r.newAddress(), s);
        if (e instanceof AllocatorCall c) return new AllocatorCall(ln, time, id, c.kind(), c.arg0(), c.arg1(), c.result());
        throw new IllegalArgumentException(e.toString());
    }

    /** Stacks are compared by their frames (see the property test), so a fresh interner is fine here. */
    private final io.heapsift.event.Stacks stacks = new io.heapsift.event.Stacks();

    private io.heapsift.event.Stack ipStack(String ip) {
        if (ip == null) return io.heapsift.event.Stack.EMPTY;
        long v = Long.parseUnsignedLong(ip.substring(3, ip.length() - 2), 16);
        return stacks.intern(List.of(new io.heapsift.event.Frame("[unknown]", -1, o.caller(), null, 0, v)));
    }

    /** Midnight in µs, for callers that want to start just before it. */
    public static long midnightUs() {
        return MIDNIGHT_US;
    }
}
