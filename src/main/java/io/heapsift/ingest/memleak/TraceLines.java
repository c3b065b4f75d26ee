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

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     * Fast path for the overwhelmingly common tuple shape (plain bytes literals, no escapes, a memleak
     * message): a regular expression instead of two grammar parses. Lines it does not take go through the
     * grammar; {@code TraceFastPathTest} proves both read every fixture line the same way.
     *
     * @return true if the line was handled
     */
    boolean fast(long line, String text) {
        Matcher m = FAST.matcher(text);
        if (!m.matches()) return false;
        facts.tuples();
        int tid = parseTid(m.group(1));
        long timeNs = fastSeconds(m.group(2), m.group(3));
        if (tid < 0 || timeNs < 0) return false;
        boolean kernel = facts.kernelMode();
        try {
            if (m.group(4) != null) {
                assembler.enter(line, tid, Long.parseUnsignedLong(m.group(4)));
            } else if (m.group(5) != null) {
                assembler.exit(line, timeNs, tid, Long.parseUnsignedLong(m.group(5)), Long.parseUnsignedLong(m.group(6), 16), kernel);
            } else {
                assembler.free(line, timeNs, tid, Long.parseUnsignedLong(m.group(7), 16), Long.parseUnsignedLong(m.group(8)), kernel);
            }
        } catch (NumberFormatException e) {
            throw new IllegalStateException("fast path accepted a number the grammar path would reject", e);
        }
        return true;
    }

    // numbers limited to what always fits (16 hex digits, 19 decimal digits) so the fast path never throws
    private static final Pattern FAST = Pattern.compile("\\(b'[^'\\\\]*', (\\d{1,9}), \\d{1,9}, b'[^'\\\\]*', (\\d{1,9})\\.(\\d{1,9}), b'"
            + "(?:alloc entered, size = (\\d{1,19})|alloc exited, size = (\\d{1,19}), result = ([0-9a-f]{1,16})"
            + "|free entered, address = ([0-9a-f]{1,16}), size = (\\d{1,19}))'\\)");

    private static int parseTid(String s) {
        long v = Long.parseLong(s);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static long fastSeconds(String whole, String frac) {
        long ns = Long.parseLong(frac) * POW10[9 - frac.length()];
        return Long.parseLong(whole) * 1_000_000_000L + ns;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};

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
