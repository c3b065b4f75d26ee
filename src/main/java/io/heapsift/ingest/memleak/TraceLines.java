package io.heapsift.ingest.memleak;

import io.heapsift.grammar.memleak.MemleakLexer;
import io.heapsift.grammar.memleak.MemleakParser;
import io.heapsift.grammar.memleak.MemleakParser.AllocEnteredContext;
import io.heapsift.grammar.memleak.MemleakParser.AllocExitedContext;
import io.heapsift.grammar.memleak.MemleakParser.FreeEnteredContext;
import io.heapsift.grammar.memleak.MemleakParser.TraceMessageContext;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.LineParser;
import io.heapsift.ingest.ParseContext;


/**
 * The {@code -t} lines: Python tuple reprs of {@code bpf.trace_fields()} and raw trace_pipe lines.
 * Reads tid, timestamp and the message (a tuple's message is unquoted and parsed with the grammar's
 * {@code traceMessage} rule) and hands them to the {@link TraceAssembler}.
 */
final class TraceLines {

    static final String FOREIGN = "foreign trace message";
    static final String LOST = "lost trace line";

    private final Diagnostics diag;
    private final CaptureFacts facts;
    private final TraceAssembler assembler;
    private final LineParser<MemleakParser, TraceMessageContext> messages =
            new LineParser<>(new MemleakLexer(null), new MemleakParser(null), MemleakParser::traceMessage);
    private final TupleScanner scanner = new TupleScanner();
    private long lostEvents;
    private long placeholders;

    TraceLines(ParseContext ctx, CaptureFacts facts) {
        this.diag = ctx.diagnostics();
        this.facts = facts;
        this.assembler = new TraceAssembler(ctx);
    }

    TraceAssembler assembler() {
        return assembler;
    }

    /** {@code (b'comm', TID, CPU, b'flags', TS, b'msg')}. */
    void tuple(long line, MemleakParser.TraceTupleContext t) {
        facts.tuples();
        String msg = PyLiteral.unquote(t.msg.getText());
        if ("Unknown".equals(msg) && "Unknown".equals(PyLiteral.unquote(t.flags.getText()))) {
            // bcc's trace_fields() could not split a trace_pipe line and printed its placeholder tuple
            placeholders++;
            diag.skip(line, 1, LOST, "bcc could not parse a trace_pipe line ('Unknown' placeholder)");
            return;
        }
        if (!t.task.getText().startsWith("b")) facts.hint("str tuples (Python 2, bcc < 0.6)");
        TraceMessageContext m = messages.parse(msg);
        if (m == null) {
            diag.skip(line, t.msg.getCharPositionInLine() + 1, FOREIGN, "not a memleak message: " + msg);
            return;
        }
        int tid = Values.decInt(t.tid);
        long timeNs = Values.secondsToNs(t.ts);
        try {
            message(line, tid, timeNs, m);
        } catch (Values.BadValue e) {
            // positions inside the unquoted message: shift them onto the line (messages have no escapes)
            int prefix = t.msg.getCharPositionInLine() + t.msg.getText().indexOf(t.msg.getText().endsWith("\"") ? '"' : '\'') + 1;
            throw new Values.BadValue(prefix + e.column, e.reason, e.getMessage());
        }
    }

    /**
     * Fast path for the overwhelmingly common tuple shape ({@link TupleScanner}) instead of two grammar
     * parses; lines it refuses go through the grammar.
     *
     * @return true if the line was handled
     */
    boolean fast(long line, String text) {
        if (!scanner.scan(text)) return false;
        facts.tuples();
        boolean kernel = facts.kernelMode();
        switch (scanner.kind) {
            case ENTER -> assembler.enter(line, scanner.tid, scanner.first);
            case EXIT -> assembler.exit(line, scanner.timeNs, scanner.tid, scanner.first, scanner.second, kernel);
            case FREE -> assembler.free(line, scanner.timeNs, scanner.tid, scanner.first, scanner.second, kernel);
        }
        return true;
    }

    /** {@code comm-TID [CPU] flags TS: bpf_trace_printk: msg}. */
    void pipe(long line, MemleakParser.TracePipeContext p) {
        facts.rawPipe();
        message(line, Values.decInt(p.tid), Values.secondsToNs(p.ts), p.traceMessage());
    }

    /** {@code CPU:N [LOST M EVENTS]}: trace_pipe overran; M messages are gone. */
    void lost(long line, String text) {
        long n = Long.parseLong(text.substring(text.indexOf("[LOST ") + 6, text.indexOf(" EVENTS]")));
        lostEvents += n;
        diag.warn(line, 1, n + " trace_pipe event(s) lost: allocation and free pairing is incomplete");
    }

    void finish() {
        assembler.finish();
        if (lostEvents > 0) diag.note("trace_pipe events lost", lostEvents);
        if (placeholders > 0) diag.note("trace_pipe lines bcc could not parse", placeholders);
    }

    private void message(long line, int tid, long timeNs, TraceMessageContext m) {
        boolean kernel = facts.kernelMode();
        if (m instanceof AllocEnteredContext e) {
            assembler.enter(line, tid, Values.dec(e.size));
        } else if (m instanceof AllocExitedContext e) {
            long size = Values.dec(e.size);
            long result = Values.hex(e.result.getStart());
            if (e.frames != null) facts.hint("February 2016 (', frames = N' on exit lines)");
            assembler.exit(line, timeNs, tid, size, result, kernel);
        } else if (m instanceof FreeEnteredContext f) {
            long address = Values.hex(f.address.getStart());
            assembler.free(line, timeNs, tid, address, Values.dec(f.size), kernel);
        }
    }
}
