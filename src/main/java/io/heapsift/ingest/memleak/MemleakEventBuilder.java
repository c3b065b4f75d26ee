package io.heapsift.ingest.memleak;

import io.heapsift.event.Frame;
import io.heapsift.grammar.memleak.MemleakBaseVisitor;
import io.heapsift.grammar.memleak.MemleakLexer;
import io.heapsift.grammar.memleak.MemleakParser;
import io.heapsift.grammar.memleak.MemleakParser.*;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.LineParser;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.memleak.CaptureFacts.Flavour;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Turns memleak lines into events: one visit method per alternative of the grammar's {@code line}
 * rule. Snapshot structure goes to {@link SnapshotAssembler}, {@code -t} messages to
 * {@link TraceLines}, what the lines say about the capture to {@link CaptureFacts}. Every line ends
 * either recognized or skipped with a reason.
 */
final class MemleakEventBuilder extends MemleakBaseVisitor<Void> {

    static final String TRACEBACK = "tool traceback";

    private final Diagnostics diag;
    private final LineParser<MemleakParser, LineContext> lines;
    private final LineParser<MemleakParser, SymbolOnlyContext> symbols;
    private final CaptureFacts facts;
    private final SnapshotAssembler snaps;
    private final TraceLines trace;
    private final ForeignLines foreign;
    private long lineNo;
    private String lineText = "";
    private boolean foreignLine;
    private final SplitLines split;
    private long pendingDone = -1;
    private boolean inTraceback;
    private long inlineIp;
    private int groupIndent;

    private final boolean fastPath;

    MemleakEventBuilder(ParseContext ctx) {
        this(ctx, true);
    }

    /** {@code fastPath = false} reads every line with the grammar (tests compare both ways). */
    MemleakEventBuilder(ParseContext ctx, boolean fastPath) {
        this.fastPath = fastPath;
        this.diag = ctx.diagnostics();
        this.lines = new LineParser<>(new MemleakLexer(null), new MemleakParser(null), MemleakParser::line);
        this.symbols = new LineParser<>(new MemleakLexer(null), new MemleakParser(null), MemleakParser::symbolOnly);
        this.facts = new CaptureFacts(ctx);
        this.snaps = new SnapshotAssembler(ctx);
        this.trace = new TraceLines(ctx, facts);
        this.foreign = new ForeignLines(diag, facts);
        this.split = new SplitLines(lines, diag);
    }

    /** Handles physical line {@code n}. */
    void accept(long n, String text) {
        lineNo = n;
        lineText = text;
        foreignLine = false;
        if (pendingDone > 0 && !text.isBlank()) resolveDone(false);
        if (inTraceback && continueTraceback(text)) return;
        if (fastPath && text.startsWith("(b'") && !split.holding() && trace.fast(n, text)) {
            python();
            snaps.interrupt();
            foreign.toolLine();
            return;
        }
        LineContext c = lines.parse(text);
        if (c == null && split.holding()) {
            c = split.rejoin(n, text);
            if (c != null) lineText = split.joined;
        }
        releaseHeld();
        if (c == null) {
            int column = lines.errorColumn();
            String detail = ForeignLines.shorten(lines.errorMessage());
            if (column > text.codePointCount(0, text.length())) {
                // the whole line was read before it failed: no better position than the line itself
                column = 1;
                detail = "not a memleak line";
            }
            if (SplitLines.maybeSplit(text)) {
                split.hold(n, text, column, detail);
            } else {
                notToolOutput(column, detail);
            }
            return;
        }
        try {
            visit(c);
        } catch (Values.BadValue e) {
            diag.skip(n, e.column, e.reason, e.getMessage());
        }
        if (!foreignLine && !(c instanceof BlankLineContext) && !(c instanceof DoneLineContext)) foreign.toolLine();
    }

    /** End of input: closes what is open and reports what did not pair. */
    void finish() {
        releaseHeld();
        if (pendingDone > 0) resolveDone(true);
        foreign.finish();
        if (inTraceback) diag.warn(lineNo, 0, "memleak crashed (Python traceback, cut before its exception line)");
        snaps.finish();
        trace.finish();
        if (snaps.headerless() > 0) diag.note("snapshots without a header line", snaps.headerless());
        if (snaps.lostStacks() > 0) diag.note("stack groups with 'stack information lost'", snaps.lostStacks());
        facts.finish(snaps, trace.assembler());
    }

    // ------------------------------------------------------------------ startup and trailer lines

    @Override
    public Void visitBlankLine(BlankLineContext c) {
        snaps.blank();
        return null;
    }

    @Override
    public Void visitExecutingLine(ExecutingLineContext c) {
        python();
        Token from = c.EXECUTING().getSymbol();
        Token to = c.TRACING_RESULTING().getSymbol();
        int a = from.getStopIndex() + 1;
        int b = to.getStartIndex() - 1;
        facts.command(b < a ? "" : from.getInputStream().getText(Interval.of(a, b)));
        return startupLine();
    }

    @Override
    public Void visitAttachPidLine(AttachPidLineContext c) {
        int pid = Values.decInt(c.pid);
        if (c.legacy != null) legacy();
        facts.pid(pid);
        return startupLine();
    }

    @Override
    public Void visitAttachKernelLine(AttachKernelLineContext c) {
        if (c.legacy != null) legacy();
        facts.kernel();
        return startupLine();
    }

    @Override
    public Void visitDefaultObjectLine(DefaultObjectLineContext c) {
        libbpf();
        facts.hint("libbpf-tools 2023-03 to 2025-05 (prints 'using default object')");
        return startupLine();
    }

    /** "using page size", "received go event...", "signaled child process", "reaped child process". */
    @Override
    public Void visitLibbpfLifecycleLine(LibbpfLifecycleLineContext c) {
        libbpf();
        return startupLine();
    }

    @Override
    public Void visitTracingKernelLine(TracingKernelLineContext c) {
        libbpf();
        if ("true".equals(c.WORD().getText())) facts.kernel();
        return startupLine();
    }

    @Override
    public Void visitTracingOutstandingLine(TracingOutstandingLineContext c) {
        libbpf();
        facts.hint("libbpf-tools before 2025-03 ('Tracing outstanding memory allocs')");
        return startupLine();
    }

    @Override
    public Void visitChildCreatedLine(ChildCreatedLineContext c) {
        int pid = Values.decInt(c.pid);
        libbpf();
        facts.child(pid);
        return startupLine();
    }

    /**
     * "done": old libbpf-tools print it as their very last line, but a traced program may print it too
     * (fixture programs do). Decided when the next non-blank line or the end of input arrives.
     */
    @Override
    public Void visitDoneLine(DoneLineContext c) {
        if (facts.flavour() == Flavour.PYTHON) {
            notToolOutput(1, "'done' is not a memleak.py line");
        } else {
            pendingDone = lineNo;
        }
        return null;
    }

    @Override
    public Void visitStackWarningLine(StackWarningLineContext c) {
        long missing = Values.dec(c.missing);
        libbpf();
        diag.note("stack traces not displayed (libbpf-tools WARNING)", missing);
        diag.warn(lineNo, 1, missing + " allocation(s) were left out of the snapshot: their stack was not stored");
        return null;
    }

    @Override
    public Void visitToolErrorLine(ToolErrorLineContext c) {
        python();
        diag.warn(lineNo, 1, "memleak rejected its arguments: " + FrameDecoder.text(c));
        return startupLine();
    }

    @Override
    public Void visitTracebackLine(TracebackLineContext c) {
        python();
        snaps.interrupt();
        inTraceback = true;
        diag.skip(lineNo, 1, TRACEBACK, null);
        return null;
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    public Void visitHeaderLine(HeaderLineContext c) {
        int h = Values.decInt(c.h);
        int m = Values.decInt(c.m);
        int s = Values.decInt(c.s);
        int top = Values.decInt(c.top);
        if (h > 23 || m > 59 || s > 60) throw new Values.BadValue(c.h, "bad time", c.h.getText() + ":" + c.m.getText()
                + ":" + c.s.getText() + " is not a time of day");
        if (c.CARET_C() != null || c.h.getText().length() < 2 || c.m.getText().length() < 2
                || c.s.getText().length() < 2) libbpf();
        snaps.header(lineNo, ((h * 60L + m) * 60L + s) * 1_000_000_000L, top);
        return null;
    }

    @Override
    public Void visitAddrLine(AddrLineContext c) {
        Token addr = c.address.getStart();
        long address = Values.hex(addr);
        long size = Values.dec(c.size);
        if (addr.getType() == MemleakLexer.HEX0X) libbpf();
        else if (address != 0) python(); // libbpf-tools print %#lx: only 0 has no 0x
        snaps.address(lineNo, address, size);
        return null;
    }

    @Override
    public Void visitGroupLine(GroupLineContext c) {
        long bytes = Values.dec(c.bytes);
        long count = Values.dec(c.count);
        groupIndent = width(c.indent());
        if (c.indent() == null) {
            libbpf();
        } else {
            python();
            if (c.indent().getText().indexOf(' ') >= 0) {
                // only the 2016 upstream example file indents with spaces: a copy of bcc < 0.25 default output
                facts.hint("indented with spaces (upstream example file)");
                snaps.defaultModeEvidence();
            }
        }
        snaps.group(lineNo, bytes, count);
        return null;
    }

    @Override
    public Void visitPyFrameIpLine(PyFrameIpLineContext c) {
        Frame f = FrameDecoder.python(c.pySymbol(), Values.hex(c.ip));
        python();
        if (!frameIndent(c.indent())) return null;
        facts.hint("bcc >= 0.25 (frames with IP column)");
        return frame(f, true);
    }

    @Override
    public Void visitPyFrameLine(PyFrameLineContext c) {
        if (!snaps.inGroup()) {
            notToolOutput(1, "indented line outside a stack group");
            return null;
        }
        if (!frameIndent(c.indent())) return null;
        String sym = FrameDecoder.text(c.pySymbol().symbolName());
        if (c.pySymbol().moduleName() == null && sym.matches("0x[0-9a-f]*")) {
            diag.skip(lineNo, 1, "truncated record", "an IP column without its symbol (line cut short?)");
            return null;
        }
        Frame f = FrameDecoder.python(c.pySymbol(), 0);
        if (snaps.frame(lineNo, f, false)) {
            facts.hint("frames without IP column (bcc 0.10-0.24, or --combined-only)");
        } else {
            notToolOutput(1, "frame without the IP column in a capture that prints it");
        }
        return null;
    }

    @Override
    public Void visitStackLostLine(StackLostLineContext c) {
        python();
        if (!snaps.stackLost(lineNo)) notToolOutput(1, "'stack information lost' outside a stack group");
        return null;
    }

    /** bcc &lt; 0.10 under Python 3: the whole stack is one bytes repr with literal \n\t\t separators. */
    @Override
    public Void visitPyBytesStackLine(PyBytesStackLineContext c) {
        python();
        facts.hint("bcc < 0.10 (stack printed as one bytes repr)");
        snaps.defaultModeEvidence();
        if (!snaps.inGroup()) {
            notToolOutput(1, "stack line outside a stack group");
            return null;
        }
        for (String piece : PyLiteral.unquote(c.stack.getText()).split("\n")) {
            String sym = piece.strip();
            if (sym.isEmpty()) continue;
            SymbolOnlyContext s = symbols.parse(sym);
            snaps.frame(lineNo, s == null ? Frame.of(sym) : FrameDecoder.python(s.pySymbol(), 0), false);
        }
        return null;
    }

    @Override
    public Void visitLibbpfFrameLine(LibbpfFrameLineContext c) {
        long ip = Values.hex(c.ip.getStart());
        LibbpfSymbolContext sym = c.libbpfSymbol();
        libbpf();
        facts.symbolizer(sym);
        if (sym instanceof InlineChainSymbolContext) {
            inlineIp = ip; // the inlined entries that follow are this frame
            if (!snaps.inGroup()) notToolOutput(1, "frame line outside a stack group");
            return null;
        }
        return frame(FrameDecoder.libbpf(sym, ip), true);
    }

    @Override
    public Void visitInlineEntryLine(InlineEntryLineContext c) {
        return frame(FrameDecoder.inlined(c.inlineSymbol(), inlineIp), true);
    }

    /** Python frames are indented deeper than their group line (two tabs, or 17 spaces in the 2016 example). */
    private boolean frameIndent(IndentContext indent) {
        if (!snaps.inGroup() || width(indent) > groupIndent) return true;
        notToolOutput(1, "indented like a group line, not like a frame");
        return false;
    }

    /** Indent width, tabs counting 8. */
    private static int width(IndentContext indent) {
        if (indent == null) return 0;
        int w = 0;
        for (char ch : indent.getText().toCharArray()) w += ch == '\t' ? 8 : 1;
        return w;
    }

    private Void frame(Frame f, boolean hasIp) {
        if (!snaps.frame(lineNo, f, hasIp)) notToolOutput(1, "frame line outside a stack group");
        return null;
    }

    // ------------------------------------------------------------------ -t

    @Override
    public Void visitTraceTupleLine(TraceTupleLineContext c) {
        python();
        snaps.interrupt();
        trace.tuple(lineNo, c.traceTuple());
        return null;
    }

    @Override
    public Void visitTracePipeLine(TracePipeLineContext c) {
        snaps.interrupt();
        trace.pipe(lineNo, c.tracePipe());
        return null;
    }

    @Override
    public Void visitLostEventsLine(LostEventsLineContext c) {
        trace.lost(lineNo, c.CPU_LOST().getText());
        return null;
    }

    // ------------------------------------------------------------------ helpers

    /** Startup and exit lines belong to no snapshot (several runs may be concatenated, as in the upstream example). */
    private Void startupLine() {
        snaps.newRun();
        return null;
    }

    private void python() {
        facts.evidence(Flavour.PYTHON, lineNo);
    }

    private void libbpf() {
        if (facts.evidence(Flavour.LIBBPF, lineNo)) {
            lines.parser().libbpfTools = true;
            snaps.libbpf(true);
        }
    }

    private void legacy() {
        python();
        facts.hint("bcc < 0.4 (legacy startup wording)");
        snaps.defaultModeEvidence();
    }

    /** A line memleak did not print (the traced program's, or not understood): see {@link ForeignLines}. */
    private void notToolOutput(int column, String detail) {
        foreignLine = true;
        foreign.add(lineNo, lineText, column, detail);
    }

    /** The held line did not join the next one: it is an ordinary foreign line. */
    private void releaseHeld() {
        if (!split.holding()) return;
        foreign.add(split.line, split.text, split.column, split.detail);
        split.clear();
    }

    /** Lines of a Python traceback: indented frames and source, chaining sentences, then the exception line. */
    private boolean continueTraceback(String text) {
        if (text.isBlank() || Character.isWhitespace(text.charAt(0)) || text.startsWith("Traceback (")
                || text.startsWith("During handling of the above exception")
                || text.startsWith("The above exception was the direct cause")) {
            diag.skip(lineNo, 1, TRACEBACK, null);
            return true;
        }
        inTraceback = false;
        if (lines.parse(text) != null) return false; // a cut traceback: memleak output resumes
        diag.skip(lineNo, 1, TRACEBACK, text);
        diag.warn(lineNo, 1, "memleak crashed: " + text);
        return true;
    }

    private void resolveDone(boolean atEnd) {
        long n = pendingDone;
        pendingDone = -1;
        if (atEnd && facts.libbpf()) return; // old libbpf-tools' own last line
        foreign.add(n, "done", 1, "'done' is memleak's only as the last line of an old libbpf-tools capture");
    }

}
