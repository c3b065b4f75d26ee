package io.heapsift.ingest.valgrind;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.valgrind.ValgrindParser.TraceBodyContext;
import io.heapsift.grammar.valgrind.ValgrindParser.TraceCallContext;
import io.heapsift.grammar.valgrind.ValgrindParser.TraceResultContext;
import io.heapsift.ingest.ParseContext;

import java.util.List;

/**
 * Pairs {@code --trace-malloc=yes} calls with their results and emits one event per call.
 *
 * <p>valgrind prints {@code NAME(args)} before calling its allocator and {@code " = %p"} after, so:
 * <ul>
 *   <li>a call glued after another call's {@code )} means the first one returned without printing a
 *       result (3.19 calloc overflow: NULL), unless it delegated: {@code realloc(0x0,N)malloc(N) = p} is ONE
 *       realloc(NULL) and {@code realloc(p,0)free(p)} + {@code " = 0"} is ONE realloc that freed;</li>
 *   <li>a body {@code " = X"} is the result of the most recent open call of that process, possibly after
 *       an error block printed in between (the fishy-size malloc);</li>
 *   <li>reallocarray (≥ 3.23) prints its result twice; the second copy is recognized and dropped.</li>
 * </ul>
 * No thread ids and no stacks: events carry {@link TraceEvent#NO_TID} and {@link Stack#EMPTY}.
 */
final class TraceCalls {

    private final ParseContext ctx;

    TraceCalls(ParseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Handles one trace body; returns the text of another message glued after the calls (an error
     * sentence), or null.
     */
    String onBody(PidState s, TraceBodyContext body, long line, long time) {
        List<TraceCallContext> calls = body.traceCall();
        if (!calls.isEmpty() && s.open != null) {
            // the previous line's call never got a result (posix_memalign 3.21-3.24 prints none)
            closeWithoutResult(s, false, line);
        }
        for (int i = 0; i < calls.size(); i++) {
            TraceCall c = TraceCall.of(calls.get(i), line, time);
            if (i > 0 && s.open != null) {
                if (delegates(s.open, c)) {
                    s.openDelegated = true;
                    continue;
                }
                closeWithoutResult(s, true, line);
            }
            start(s, c);
        }
        if (body.traceResult() != null) result(s, body.traceResult(), line);
        return body.gluedText() == null ? null : Texts.of(body.gluedText());
    }

    /** realloc(NULL,n) calls the malloc replacement, realloc(p,0) the free replacement (valgrind 3.19). */
    private static boolean delegates(TraceCall outer, TraceCall inner) {
        if (outer.fn() != TraceFunction.REALLOC) return false;
        if (outer.pointer() == 0) return "malloc".equals(inner.name()) && inner.size() == outer.size();
        return outer.size() == 0 && inner.fn() == TraceFunction.FREE && inner.pointer() == outer.pointer();
    }

    private void start(PidState s, TraceCall c) {
        s.expectDuplicate = false;
        switch (c.fn()) {
            case FREE -> ctx.emit(new Free(c.line(), c.time(), TraceEvent.NO_TID, TraceFunction.freeKind(c.name()),
                    c.pointer(), c.size(), Stack.EMPTY));
            case MALLINFO -> ctx.emit(new AllocatorCall(c.line(), c.time(), TraceEvent.NO_TID,
                    AllocatorCall.Kind.MALLINFO, 0, 0, -1));
            default -> {
                s.open = c;
                s.openDelegated = false;
            }
        }
    }

    private void result(PidState s, TraceResultContext r, long line) {
        long value = r.HEX() != null ? Numbers.pointer(r.HEX().getSymbol()) : Numbers.decimal(r.DIGITS().getSymbol());
        TraceCall c = s.open;
        if (c == null) {
            if (s.expectDuplicate && value == s.duplicate) {
                s.expectDuplicate = false;   // reallocarray's second " = p"
                return;
            }
            throw new BadLine(Texts.column(r), "result without a call", Texts.of(r).trim());
        }
        s.open = null;
        complete(s, c, value, line);
    }

    private void complete(PidState s, TraceCall c, long value, long line) {
        switch (c.fn()) {
            case REALLOC -> ctx.emit(new Realloc(line, c.time(), TraceEvent.NO_TID, false, c.pointer(), c.size(),
                    value, Stack.EMPTY));
            case REALLOCARRAY -> {
                ctx.emit(new Realloc(line, c.time(), TraceEvent.NO_TID, true, c.pointer(), c.size(), value,
                        Stack.EMPTY));
                s.expectDuplicate = value != 0;
                s.duplicate = value;
            }
            case USABLE_SIZE -> ctx.diagnostics().note("malloc_usable_size calls", 1);
            case MALLOPT -> ctx.emit(new AllocatorCall(line, c.time(), TraceEvent.NO_TID, AllocatorCall.Kind.MALLOPT,
                    c.size(), c.alignment(), value));
            case MALLOC_TRIM -> ctx.emit(new AllocatorCall(line, c.time(), TraceEvent.NO_TID,
                    AllocatorCall.Kind.MALLOC_TRIM, c.size(), 0, value));
            default -> ctx.emit(new Alloc(line, c.time(), TraceEvent.NO_TID, TraceFunction.allocKind(c.name()),
                    c.size(), value, c.alignment(), Stack.EMPTY));
        }
    }

    /**
     * The open call will get no result. Glued to a following call, it returned early (NULL: calloc
     * overflow, an invalid alignment); otherwise its result is simply unknown.
     */
    void closeWithoutResult(PidState s, boolean glued, long line) {
        TraceCall c = s.open;
        s.open = null;
        ctx.diagnostics().note("calls without a printed result", 1);
        if (c.fn() == TraceFunction.REALLOC && s.openDelegated) {
            complete(s, c, 0, line);          // realloc(p,0)free(p) whose " = 0" never came
            return;
        }
        boolean aligned = c.fn() == TraceFunction.MEMALIGN || c.fn() == TraceFunction.POSIX_MEMALIGN;
        long address = aligned ? (c.invalidAlignment() ? 0 : TraceEvent.NO_ADDRESS) : glued ? 0 : TraceEvent.NO_ADDRESS;
        switch (c.fn()) {
            case USABLE_SIZE, MALLOPT, MALLOC_TRIM -> { }
            case REALLOC, REALLOCARRAY -> {
                if (glued) complete(s, c, 0, c.line());
                else ctx.diagnostics().warn(c.line(), c.column(), c.name() + " without a result: not counted");
            }
            default -> complete(s, c, address, c.line());
        }
    }
}
