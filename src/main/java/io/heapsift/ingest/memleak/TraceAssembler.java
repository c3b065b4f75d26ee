package io.heapsift.ingest.memleak;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.Stack;
import io.heapsift.ingest.ParseContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairs memleak {@code -t} lines per thread. The exit line carries everything an {@link Alloc} needs
 * (64-bit size and result), so an Alloc is emitted at each "alloc exited" line; the enter lines only
 * count: aliased allocator symbols fire two or three "alloc entered" for one exit, and a call can enter
 * without ever exiting. Memory is one small record per thread with an open enter.
 */
final class TraceAssembler {

    private final ParseContext ctx;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private long messages;
    private long extraEnters;
    private long orphanExits;
    private long failed;
    private long sizeMismatches;

    TraceAssembler(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** "alloc entered, size = N" (N is printed with %u: the low 32 bits of the size). */
    void enter(long line, int tid, long size32) {
        messages++;
        Pending p = pending.computeIfAbsent(tid, k -> new Pending());
        if (p.count++ == 0) p.firstLine = line;
        p.size32 = size32;
    }

    /** "alloc exited, size = N, result = HEX": one allocation (result 0 = failed). */
    void exit(long line, long timeNs, int tid, long size, long result, boolean kernel) {
        messages++;
        Pending p = pending.remove(tid);
        if (p == null) {
            orphanExits++;
        } else {
            extraEnters += p.count - 1;
            if ((size & 0xffff_ffffL) != p.size32) sizeMismatches++;
        }
        if (result == 0) failed++;
        ctx.emit(new Alloc(line, timeNs, tid, kernel ? AllocKind.KERNEL : AllocKind.UNKNOWN, size, result, 0,
                Stack.EMPTY));
    }

    /** "free entered, address = HEX, size = N" (only for blocks memleak still tracked). */
    void free(long line, long timeNs, int tid, long address, long size, boolean kernel) {
        messages++;
        ctx.emit(new Free(line, timeNs, tid, kernel ? FreeKind.KERNEL : FreeKind.UNKNOWN, address, size, Stack.EMPTY));
    }

    /** Number of memleak trace messages read. */
    long messages() {
        return messages;
    }

    /** Reports what did not pair; call once at the end of input. */
    void finish() {
        long open = 0;
        long firstOpen = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            open += p.count;
            firstOpen = Math.min(firstOpen, p.firstLine);
        }
        note("alloc entered without alloc exited", open);
        note("extra alloc entered before one alloc exited (aliased probes)", extraEnters);
        note("alloc exited without alloc entered", orphanExits);
        note("failed allocations (result = 0)", failed);
        note("alloc exited size differs from alloc entered", sizeMismatches);
        if (open > 0) {
            ctx.diagnostics().warn(firstOpen, 0, open + " alloc entered line(s) never got an alloc exited line"
                    + " (on " + pending.size() + " thread(s)); no allocation was emitted for them");
        }
    }

    private void note(String what, long n) {
        if (n > 0) ctx.diagnostics().note(what, n);
    }

    /** Enters seen on one thread since its last exit. */
    private static final class Pending {
        int count;
        long firstLine;
        long size32;
    }
}
