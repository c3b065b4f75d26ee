package io.heapsift.ingest.ltrace;

import io.heapsift.event.AllocKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.ltrace.AllocFunction.Signature;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine from decoded ltrace lines to events. It pairs {@code <unfinished ...>} calls
 * with their {@code <... NAME resumed>} line per thread (LIFO), folds a call that is only the inner
 * level of an enclosing allocator call of the same thread into it (the outermost call is the one
 * emitted), attaches {@code -w} frames, and turns exits into {@link ThreadExit}/{@link ProcessExit}.
 * An allocator call made while traced non-allocator calls of the same thread are open (with {@code -x}
 * and no {@code -L}, the program's PLT calls: {@code printf} around libc's stdout-buffer malloc,
 * {@code strdup} around its malloc; or the program's own functions traced with {@code -x}) gets those
 * calls as its stack, innermost first, when ltrace printed no {@code -w} frames.
 * An allocator call's event is emitted when its completion line has been read (and its frames,
 * which follow it); its {@code timeNs} is the call time (the prefix of its first line).
 */
final class LtraceEventBuilder {

    private final ParseContext ctx;
    private final Diagnostics diag;
    private final LtraceClock clock = new LtraceClock();
    private final ThreadCalls threads = new ThreadCalls();
    private final Map<String, Signature> signatures = new HashMap<>();
    private final LtraceCounts counts = new LtraceCounts();
    private final PendingEvent pending;
    /**
     * A fatal signal ({@code --- SIGSEGV ... ---}) not yet followed by anything: if the trace ends there (ltrace died
     * with its tracee and wrote no {@code +++ killed} line), the process ended by that signal.
     */
    private String fatalSignal;
    private long fatalLine, fatalTime;
    private int fatalTid;
    private boolean processExited;
    /** True right after a completion line (and its frames): frame lines may follow. */
    private boolean inFrameBlock;

    LtraceEventBuilder(ParseContext ctx) {
        this.ctx = ctx;
        this.diag = ctx.diagnostics();
        this.pending = new PendingEvent(ctx);
    }

    /** One line the grammar (or the fast path) accepted. */
    void line(long n, LtraceLine l) {
        switch (l.kind) {
            case FRAME, FRAME_SOURCE -> frame(n, l);
            case BLANK -> blank(n);
            default -> traceLine(n, l);
        }
    }

    private void traceLine(long n, LtraceLine l) {
        flushPending();
        inFrameBlock = false;
        long time = clock.time(l.time1, l.time2);
        int tid = LtraceCounts.NO_PID;
        if (l.pid != null) {
            tid = counts.pid(l.pid);
            if (tid == LtraceCounts.NO_PID) {
                diag.skip(n, 1, "unrecognized line", "pid out of range: " + l.pid);
                return;
            }
            threads.observe(tid);
        }
        if (tid == LtraceCounts.NO_PID) tid = TraceEvent.NO_TID;
        counts.prefix(l);
        dispatch(n, l, tid, time);
    }

    private void dispatch(long n, LtraceLine l, int tid, long time) {
        if (l.kind == LtraceLine.Kind.CALL_DONE || l.kind == LtraceLine.Kind.CALL_UNFINISHED
                || l.kind == LtraceLine.Kind.CALL_NO_RETURN || l.kind == LtraceLine.Kind.EXEC) {
            fatalSignal = null; // a new call: the process went on (it handled the signal)
        }
        switch (l.kind) {
            case CALL_DONE -> callDone(n, l, tid, time);
            case CALL_UNFINISHED, CALL_NO_RETURN -> callOpen(n, l, tid, time);
            case RESUMED -> resumed(n, l, tid, time);
            case EXITED -> exit(n, tid, time, LtraceCounts.status(l.detail), null);
            case KILLED -> exit(n, tid, time, -1, l.detail);
            case SIGNAL -> {
                counts.signal(l.detail);
                if (isFatal(l.detail)) {
                    fatalSignal = l.detail;
                    fatalLine = n;
                    fatalTime = time;
                    fatalTid = tid;
                }
            }
            case EXEC -> {
                counts.exec++;
                diag.warn(n, 1, "--- Called exec() ---: the traced process replaced its image; its earlier blocks are gone");
            }
            case UNEXPECTED_BREAKPOINT -> counts.unexpectedBreakpoints++;
            case SUMMARY -> counts.summaryLine(diag, n);
            case REPORT -> {
                counts.ltraceMessages++;
                diag.warn(n, 1, "ltrace reported a problem (see the line)");
            }
            default -> throw new IllegalStateException(l.kind.name());
        }
    }

    // ------------------------------------------------------------------ calls

    private Signature signature(String name) {
        Signature s = signatures.get(name);
        if (s == null) {
            s = AllocFunction.classify(name);
            signatures.put(name, s);
        }
        return s;
    }

    /** The decoded allocator call of a call line, or null for other functions (counted). */
    private AllocCall allocCall(long n, LtraceLine l) {
        Signature sig = signature(l.name);
        counts.call(l, sig);
        if (!sig.isAllocator()) return null;
        AllocCall c = AllocCall.read(sig, l.args);
        if (c == null) {
            counts.unreadable++;
            diag.warn(n, 1, "allocator call with unreadable arguments, no event: " + l.name + l.args);
        }
        return c;
    }

    private void callDone(long n, LtraceLine l, int tid, long time) {
        inFrameBlock = true;
        AllocCall c = allocCall(n, l);
        if (c == null) return;
        OpenCall outer = foldTarget(tid, c);
        if (outer != null) {
            fold(outer, c, l.ret);
            return;
        }
        setPending(c, l.ret, TraceEvent.NO_ADDRESS, n, time, tid, l.ip, l.caller, enclosing(tid));
    }

    private void callOpen(long n, LtraceLine l, int tid, long time) {
        if (l.kind == LtraceLine.Kind.CALL_NO_RETURN) counts.noReturn++;
        AllocCall c = allocCall(n, l);
        OpenCall outer = c == null ? null : foldTarget(tid, c);
        List<String> context = c == null || outer != null ? List.of() : enclosing(tid);
        threads.push(tid, new OpenCall(l.name, c, outer, n, time, tid, l.ip, l.caller, context));
    }

    /**
     * The traced non-allocator calls of this thread that are still open, innermost first: the calls the
     * allocator call is made from (the program's printf or strdup, a traced program function).
     */
    private List<String> enclosing(int tid) {
        ArrayDeque<OpenCall> open = threads.stack(tid);
        if (open == null || open.isEmpty()) return List.of();
        List<String> names = null;
        for (OpenCall oc : open) {
            if (oc.call != null || signature(oc.name).isAllocator()) continue;
            if (names == null) names = new ArrayList<>(2);
            names.add(oc.name);
        }
        return names == null ? List.of() : names;
    }

    private void resumed(long n, LtraceLine l, int tid, long time) {
        OpenCall oc = threads.resume(tid, l.name, lost -> unresumed(List.of(lost)));
        if (oc == null) {
            unpaired(n, l, tid, time);
            return;
        }
        inFrameBlock = true;
        if (oc.call == null) return;
        if (oc.outer != null) {
            fold(oc.outer, oc.call, l.ret);
            if (oc.innerAddress != TraceEvent.NO_ADDRESS) oc.outer.innerAddress = oc.innerAddress;
            return;
        }
        setPending(oc.call, l.ret, oc.innerAddress, n, oc.timeNs, tid, oc.ip, oc.caller, oc.context);
    }

    /** The open allocator call of this thread that {@code c} is an inner level of, or null. */
    private OpenCall foldTarget(int tid, AllocCall c) {
        ArrayDeque<OpenCall> open = threads.stack(tid);
        if (open == null) return null;
        for (OpenCall oc : open) {
            if (oc.call == null) continue;
            if (oc.call.contains(c)) return oc;
            counts.nestedKept++;
            return null;
        }
        return null;
    }

    private void fold(OpenCall outer, AllocCall inner, String ret) {
        counts.folded++;
        if (inner.allocates() && ret != null && Values.isNumber(ret)) {
            long a = Values.parse(ret);
            if (a != 0 && !(inner.function() == AllocFunction.POSIX_MEMALIGN)) outer.innerAddress = a;
        }
    }

    /** A resumed line without its call (the capture began in the middle of it). */
    private void unpaired(long n, LtraceLine l, int tid, long time) {
        counts.unpaired++;
        diag.warn(n, 1, "resumed call without its start line: " + l.name);
        inFrameBlock = true;
        Signature sig = signature(l.name);
        AllocKind kind = LtraceEvents.allocKind(sig.function());
        if (kind != null && kind != AllocKind.POSIX_MEMALIGN && Values.isNumber(l.ret)) {
            // the size was on the missing line: known block, unknown size
            setPending(new AllocCall(sig, TraceEvent.NO_SIZE, 0, 0, 0, 0), l.ret, TraceEvent.NO_ADDRESS, n, time, tid,
                    null, null, enclosing(tid));
        }
    }

    /** Calls that will never be resumed: their event is emitted now, without a return value. */
    private void unresumed(List<OpenCall> calls) {
        if (calls.isEmpty()) return;
        List<OpenCall> sorted = new java.util.ArrayList<>(calls);
        sorted.sort(Comparator.comparingLong((OpenCall c) -> c.line).reversed());
        for (OpenCall oc : sorted) {
            counts.neverResumed++;
            if (oc.outer != null && oc.call != null) {
                counts.folded++;
                if (oc.innerAddress != TraceEvent.NO_ADDRESS) oc.outer.innerAddress = oc.innerAddress;
            }
        }
        sorted.sort(Comparator.comparingLong((OpenCall c) -> c.line));
        for (OpenCall oc : sorted) {
            if (oc.call == null || oc.outer != null) continue;
            diag.warn(oc.line, 1, "call never returned (thread ended or the capture stopped): " + oc.name);
            ctx.emit(LtraceEvents.of(oc.call, null, oc.innerAddress, oc.line, oc.timeNs, oc.tid, pending.stack(oc.ip, oc.caller, oc.context)));
        }
    }

    // ------------------------------------------------------------------ pending event and -w frames

    private void setPending(AllocCall c, String ret, long inner, long n, long time, int tid, String ip, String caller,
                            List<String> context) {
        if (!ret.isEmpty() && !ret.equals("<void>") && !Values.isNumber(ret)) {
            counts.unreadable++;
            diag.warn(n, 1, "allocator call with an unreadable return value: " + ret);
        }
        pending.set(c, ret, inner, n, time, tid, ip, caller, context);
    }

    private void flushPending() {
        pending.flush();
    }

    private void frame(long n, LtraceLine l) {
        counts.frameLines++;
        if (!inFrameBlock) {
            diag.skip(n, 1, "stray frame line", "a -w frame line not after a completed call");
            return;
        }
        if (!pending.isSet()) return; // frames of a call that gives no event
        if (!pending.frame(l)) counts.frameNotes(l);
    }

    private void blank(long n) {
        if (inFrameBlock && counts.frameLines > 0) {
            flushPending();
            inFrameBlock = false;
            return;
        }
        diag.skip(n, 1, "program output", "blank line");
    }

    // ------------------------------------------------------------------ exits and end

    /** Signals whose default action ends the process with a core (the ones a crash shows). */
    private static boolean isFatal(String detail) {
        if (detail == null) return false;
        return detail.startsWith("SIGSEGV") || detail.startsWith("SIGBUS") || detail.startsWith("SIGABRT")
                || detail.startsWith("SIGILL") || detail.startsWith("SIGFPE") || detail.startsWith("SIGKILL");
    }

    private void exit(long n, int tid, long time, int status, String signal) {
        unresumed(threads.end(tid));
        if (tid == TraceEvent.NO_TID || threads.isLeader(tid)) {
            processExited = true;
            ctx.emit(new ProcessExit(n, time, tid, status, signal));
        } else {
            ctx.emit(new ThreadExit(n, time, tid));
        }
    }

    /** A line that is not a line of the grammar (skipped by the caller): it ends any -w frame list. */
    void interrupt() {
        flushPending();
        inFrameBlock = false;
    }

    /** One of ltrace's own stderr messages (ptrace trouble...): noted, no event. */
    void ltraceMessage(long n) {
        interrupt();
        counts.ltraceMessages++;
        diag.warn(n, 1, "ltrace's own message, not an event");
    }

    /** Called after the last line. */
    void finish() {
        flushPending();
        unresumed(threads.endAll());
        if (fatalSignal != null && !processExited) {
            diag.warn(fatalLine, 1, "the trace ends at a fatal " + fatalSignal + ": the process is taken to have died by it");
            ctx.emit(new ProcessExit(fatalLine, fatalTime, fatalTid, -1, fatalSignal));
        }
        counts.report(diag, ctx, clock);
    }
}
