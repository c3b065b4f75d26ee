package io.heapsift.ingest.ltrace;

import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.ltrace.AllocFunction.Signature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ltrace capture showed besides its events: counts of normal-but-notable lines (reported as
 * notes) and the ltrace options the line shapes reveal (reported as the variant, e.g.
 * {@code "-f -tt -T -e"}).
 */
final class LtraceCounts {

    /** Marker for "no pid prefix" / "pid out of range". */
    static final int NO_PID = Integer.MIN_VALUE;

    long folded, nestedKept, otherCalls, syscalls, noReturn, neverResumed, unpaired, unreadable;
    long exec, unexpectedBreakpoints, ltraceMessages, summaryLines, frameLines, unwindErrors, framesCut;
    private final Map<String, Long> signals = new LinkedHashMap<>();
    private boolean bracketPid, plainPid, ip, duration, caller, lib, demangled;

    /** The pid of a prefix, or {@link #NO_PID} if it does not fit an int. */
    int pid(String text) {
        if (text.length() > 10) return NO_PID;
        long v = Long.parseLong(text);
        return v > Integer.MAX_VALUE ? NO_PID : (int) v;
    }

    /** An exit status as printed ("%d"); -1 if it does not fit. */
    static int status(String text) {
        if (text.length() > 11) return -1;
        long v = Long.parseLong(text);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? -1 : (int) v;
    }

    void prefix(LtraceLine l) {
        if (l.pid != null) {
            if (l.pidBracketed) bracketPid = true;
            else plainPid = true;
        }
        if (l.ip != null) ip = true;
        if (l.duration != null) duration = true;
    }

    void call(LtraceLine l, Signature sig) {
        if (l.caller != null) caller = true;
        if (l.lib != null) lib = true;
        if (!demangled && (l.name.indexOf('(') >= 0 || l.name.indexOf(' ') >= 0)) demangled = true;
        if (sig.isAllocator()) return;
        if (l.name.startsWith("SYS_") || "SYS".equals(l.lib)) syscalls++;
        else otherCalls++;
    }

    void signal(String name) {
        signals.merge(name, 1L, Long::sum);
    }

    void summaryLine(Diagnostics diag, long n) {
        if (summaryLines++ == 0) {
            diag.warn(n, 1, "ltrace -c summary table: counts per function only, no per-call events");
        }
    }

    void frameNotes(LtraceLine l) {
        if (l.style == LtraceLine.FRAME_ERROR) unwindErrors++;
        else if (l.style == LtraceLine.FRAME_CUT) framesCut++;
    }

    /** Writes the notes, the variant and the facts. */
    void report(Diagnostics diag, ParseContext ctx, LtraceClock clock) {
        note(diag, "nested allocator calls folded into their outermost call", folded);
        note(diag, "nested allocator calls kept (arguments differ from the enclosing call)", nestedKept);
        note(diag, "other traced calls (no event)", otherCalls);
        note(diag, "system calls (no event)", syscalls);
        note(diag, "calls marked <no return ...>", noReturn);
        note(diag, "calls never resumed", neverResumed);
        note(diag, "resumed lines without their call", unpaired);
        note(diag, "allocator calls with unreadable arguments or return value", unreadable);
        note(diag, "exec() calls", exec);
        note(diag, "unexpected breakpoints (ltrace)", unexpectedBreakpoints);
        note(diag, "ltrace's own messages", ltraceMessages);
        note(diag, "summary (-c) lines", summaryLines);
        note(diag, "stack frame lines (-w)", frameLines);
        note(diag, "unwind errors (-w)", unwindErrors);
        note(diag, "stack lists cut short (-w)", framesCut);
        signals.forEach((sig, count) -> note(diag, "signal " + sig, count));
        ctx.fact("tool", "ltrace");
        String v = variant(clock);
        if (!v.isEmpty()) ctx.variant(v);
    }

    private static void note(Diagnostics diag, String what, long count) {
        if (count > 0) diag.note(what, count);
    }

    private String variant(LtraceClock clock) {
        List<String> parts = new ArrayList<>();
        if (bracketPid) parts.add("-f");
        if (plainPid) parts.add("-o FILE (pid column)");
        if (!clock.options().isEmpty()) parts.add(clock.options());
        if (duration) parts.add("-T");
        if (ip) parts.add("-i");
        if (caller) parts.add("-e/-l (caller shown)");
        if (lib) parts.add("-x (entry breakpoints)");
        if (demangled) parts.add("-C");
        if (frameLines > 0) parts.add("-w");
        if (summaryLines > 0) parts.add("-c");
        return String.join(" ", parts);
    }
}
