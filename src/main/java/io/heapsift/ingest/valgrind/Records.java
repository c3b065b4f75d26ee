package io.heapsift.ingest.valgrind;

import io.heapsift.event.Frame;
import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.valgrind.ValgrindParser;
import io.heapsift.grammar.valgrind.ValgrindParser.LossRecordContext;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.valgrind.PidState.Block;

/**
 * Assembles memcheck's multi-line messages: a loss record or an error is its first line plus the
 * frames that follow; it is complete at the first line of that process that is not a frame.
 *
 * <p>An error's first line is free text ("Invalid free() / delete / delete[] / realloc()"), so a free
 * text line is held until the next line of its process: a frame makes it an error, anything else
 * makes it a line not understood ("unrecognized line", or "program output" in the prefix-less
 * regression-test dialect, where the test programs print their own lines).
 */
final class Records {

    private final ParseContext ctx;
    private final boolean expDialect;

    Records(ParseContext ctx, boolean expDialect) {
        this.ctx = ctx;
        this.expDialect = expDialect;
    }

    /** Settles what the previous lines left open, given whether this line is a frame. */
    void beforeLine(PidState s, boolean frame, boolean heapTotal) {
        if (s.pendingText != null) {
            if (frame) {
                s.block = Block.ERROR;
                s.errorWhat = s.pendingText;
                s.errorLine = s.pendingLine;
                s.frames.clear();
                s.pendingText = null;
            } else {
                skipPending(s);
            }
        }
        if (!frame) finishStack(s);
        if (s.heapOpen && !heapTotal) {
            // the regression-test filter drops the "total heap usage" line
            s.heapOpen = false;
            ctx.emit(new HeapSummary(s.heapLine, s.heapBytes, s.heapBlocks, TraceEvent.NO_SIZE, TraceEvent.NO_SIZE,
                    TraceEvent.NO_SIZE));
        }
    }

    private void skipPending(PidState s) {
        ctx.diagnostics().skip(s.pendingLine, s.pendingColumn, expDialect ? "program output" : "unrecognized line",
                s.pendingText);
        s.pendingText = null;
    }

    /** A loss record's or an error's stack is complete: emit it. */
    private void finishStack(PidState s) {
        if (s.block == Block.RECORD) {
            ctx.emit(new LeakRecord(s.recordLine, s.recordKind, s.recordBytes, s.recordDirect, s.recordIndirect,
                    s.recordBlocks, s.recordNumber, s.recordCount, ctx.stacks().intern(s.frames)));
            s.block = Block.NONE;
        } else if (s.block == Block.ERROR) {
            if (s.relisting) {
                ctx.diagnostics().note("errors listed again by -s/-v", 1);
            } else {
                ctx.emit(new ToolError(s.errorLine, ErrorKinds.of(s.errorWhat), s.errorWhat,
                        ctx.stacks().intern(s.frames)));
            }
            s.block = Block.AUX;
        }
        s.frames.clear();
    }

    /** End of input: what is open is complete (a capture may end right after a record's last frame). */
    void end(PidState s) {
        if (s.pendingText != null) skipPending(s);
        finishStack(s);
        beforeLine(s, false, false);
    }

    /** Holds a free-text line until the next line of its process says what it is. */
    void pending(PidState s, String text, long line, int column) {
        s.pendingText = text;
        s.pendingLine = line;
        s.pendingColumn = column;
    }

    void lossRecord(PidState s, LossRecordContext r, long line) {
        long total = Numbers.count(r.total);
        s.recordKind = kind(r.leakKind());
        s.recordBytes = total;
        if (r.split() != null) {
            s.recordDirect = Numbers.count(r.split().direct);
            s.recordIndirect = Numbers.count(r.split().indirect);
        } else {
            s.recordDirect = total;
            s.recordIndirect = 0;
        }
        s.recordBlocks = Numbers.count(r.blocks);
        s.recordNumber = Numbers.index(r.recordNumber);
        s.recordCount = Numbers.index(r.recordCount);
        s.recordLine = line;
        if (r.NEW() != null || r.total.delta() != null) ctx.diagnostics().note("leak records with changes (leak-delta)", 1);
        s.block = Block.RECORD;
        s.frames.clear();
    }

    /** A frame line (null: the regression-test filter's "   ..." for elided frames). */
    void frame(PidState s, Frame f, long line, int column) {
        switch (s.block) {
            case RECORD, ERROR -> {
                if (f != null) s.frames.add(f);
            }
            case AUX, FATAL, CLIENT, CHATTER, VGDB -> { }   // auxiliary stacks: where a block was freed/allocated, ...
            default -> ctx.diagnostics().skip(line, column, "frame outside a record", null);
        }
    }

    /** Free text of a {@code ==PID==} line or of the prefix-less dialect. */
    void text(PidState s, String text, long line, int column) {
        if (s.block == Block.VGDB) return;                    // the gdbserver instructions, up to a blank line
        boolean oneSpace = text.length() > 1 && text.charAt(0) == ' ' && text.charAt(1) != ' ';
        if (oneSpace && (s.block == Block.AUX || s.block == Block.FATAL || s.block == Block.CHATTER)) return;
        pending(s, text, line, column);
    }

    /** -v chatter and other informational messages (recognized, no event). */
    void chatter(PidState s, String text) {
        s.block = text.startsWith("TO CONTROL THIS PROCESS") || text.startsWith("TO DEBUG THIS PROCESS")
                ? Block.VGDB : Block.CHATTER;
        ctx.diagnostics().note("informational lines", 1);
    }

    static LeakKind kind(ValgrindParser.LeakKindContext k) {
        if (k instanceof ValgrindParser.DefiniteKindContext) return LeakKind.DEFINITE;
        if (k instanceof ValgrindParser.IndirectKindContext) return LeakKind.INDIRECT;
        if (k instanceof ValgrindParser.PossibleKindContext) return LeakKind.POSSIBLE;
        return LeakKind.REACHABLE;
    }
}
