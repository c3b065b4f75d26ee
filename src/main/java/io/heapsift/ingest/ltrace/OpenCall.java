package io.heapsift.ingest.ltrace;

import io.heapsift.event.TraceEvent;

import java.util.List;

/**
 * A call whose line ended in {@code <unfinished ...>} or {@code <no return ...>} and waits for its
 * {@code <... NAME resumed>} line on the same thread.
 */
final class OpenCall {

    /** The name as printed, which the resumed line repeats (demangled with -C, no caller, no @lib). */
    final String name;
    /** The decoded allocator call, or null for any other function. */
    final AllocCall call;
    /** The enclosing call of the same allocation when this one is folded into it, else null. */
    final OpenCall outer;
    final long line;
    final long timeNs;
    final int tid;
    final String ip;
    final String caller;
    /** The traced non-allocator calls of the thread open around this one, innermost first (its stack without -w). */
    final List<String> context;
    /** Address returned by a folded inner allocation (posix_memalign's block, a lost return). */
    long innerAddress = TraceEvent.NO_ADDRESS;

    OpenCall(String name, AllocCall call, OpenCall outer, long line, long timeNs, int tid, String ip,
             String caller, List<String> context) {
        this.name = name;
        this.call = call;
        this.outer = outer;
        this.line = line;
        this.timeNs = timeNs;
        this.tid = tid;
        this.ip = ip;
        this.caller = caller;
        this.context = context;
    }
}
