package io.heapsift.ingest.valgrind;

import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.valgrind.ValgrindBaseVisitor;
import io.heapsift.grammar.valgrind.ValgrindParser;
import io.heapsift.grammar.valgrind.ValgrindParser.BodyContext;
import io.heapsift.ingest.ParseContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns parsed valgrind lines into events. One short visitor method per line alternative of the
 * grammar; multi-line records (loss records, errors) are assembled per process in {@link PidState}
 * by {@link Records}, trace-malloc calls are paired by {@link TraceCalls}.
 */
final class ValgrindEventBuilder extends ValgrindBaseVisitor<Void> {

    private final ParseContext ctx;
    private final TraceCalls trace;
    private final Records records;
    private final Map<Long, PidState> states = new HashMap<>();
    private final boolean expDialect;
    private long line;
    private Prefix prefix;
    private PidState s;
    private long traceLines, memcheckLines;

    ValgrindEventBuilder(ParseContext ctx, boolean expDialect) {
        this.ctx = ctx;
        this.expDialect = expDialect;
        this.trace = new TraceCalls(ctx);
        this.records = new Records(ctx, expDialect);
    }

    /** Processes one line whose prefix has been decoded. */
    void onLine(long lineNo, Prefix p, BodyContext body) {
        line = lineNo;
        prefix = p;
        s = states.computeIfAbsent(p.key(), k -> new PidState(p.pid()));
        boolean frame = body instanceof ValgrindParser.FrameLineContext
                || body instanceof ValgrindParser.ElidedFramesLineContext;
        records.beforeLine(s, frame, body instanceof ValgrindParser.HeapTotalLineContext);
        if (!(body instanceof ValgrindParser.LeakKindLineContext || body instanceof ValgrindParser.HeuristicLineContext
                || body instanceof ValgrindParser.HeuristicHeaderLineContext)) {
            s.inLeakSummary = false;
        }
        if (!(body instanceof ValgrindParser.TraceLineContext) && !(body instanceof ValgrindParser.BlankLineContext)) {
            memcheckLines++;
        }
        body.accept(this);
    }

    /** Flushes what is still open at the end of the input. */
    void end() {
        for (PidState st : states.values()) {
            records.end(st);
            if (st.open != null) trace.closeWithoutResult(st, false, st.open.line());
        }
        if (states.size() > 1) ctx.diagnostics().note("processes in the log", states.size());
    }

    /** True when trace-malloc call lines dominate the other valgrind lines (→ valgrind-trace-malloc). */
    boolean traceDominates() {
        return traceLines > 0 && traceLines >= memcheckLines;
    }

    // ---------------------------------------------------------------- trace-malloc

    @Override
    public Void visitTraceLine(ValgrindParser.TraceLineContext c) {
        if (!prefix.isTraceCapable()) return text(c);
        traceLines++;
        String glued = trace.onBody(s, c.traceBody(), line, prefix.timeNs());
        if (glued != null) records.pending(s, glued, line, Texts.column(c.traceBody().gluedText()));
        return null;
    }

    // ---------------------------------------------------------------- records and errors

    @Override
    public Void visitLossRecordLine(ValgrindParser.LossRecordLineContext c) {
        records.lossRecord(s, c.lossRecord(), line);
        return null;
    }

    @Override
    public Void visitFrameLine(ValgrindParser.FrameLineContext c) {
        records.frame(s, Frames.of(c.frame()), line, Texts.column(c.frame()));
        return null;
    }

    @Override
    public Void visitElidedFramesLine(ValgrindParser.ElidedFramesLineContext c) {
        records.frame(s, null, line, 1);
        return null;
    }

    @Override
    public Void visitThreadHeaderLine(ValgrindParser.ThreadHeaderLineContext c) {
        return null;
    }

    @Override
    public Void visitFatalSignalLine(ValgrindParser.FatalSignalLineContext c) {
        String signal = c.fatalSignal().signame.getText();
        ctx.emit(new ProcessExit(line, prefix.timeNs(), (int) Math.min(s.pid, Integer.MAX_VALUE), -1, signal));
        s.block = PidState.Block.FATAL;
        return null;
    }

    @Override
    public Void visitErrorContextLine(ValgrindParser.ErrorContextLineContext c) {
        s.relisting = true;
        return null;
    }

    @Override
    public Void visitTextLine(ValgrindParser.TextLineContext c) {
        return text(c);
    }

    private Void text(BodyContext c) {
        String text = Texts.of(c);
        if (prefix.kind() == Prefix.Kind.DEBUG && looksLikeCall(text)) {
            throw new BadLine(0, "malformed trace-malloc call", text);
        }
        switch (prefix.kind()) {
            case DEBUG -> records.chatter(s, text);
            case CLIENT -> {
                s.block = PidState.Block.CLIENT;
                ctx.diagnostics().note("client messages", 1);
            }
            case FATAL -> ctx.diagnostics().warn(line, 1, "valgrind: " + text);
            default -> records.text(s, text, line, Texts.column(c));
        }
        return null;
    }

    /** {@code name(} with a traced function's name: a call line the grammar rejected (truncated, garbled). */
    private static boolean looksLikeCall(String text) {
        int paren = text.indexOf('(');
        if (paren <= 0) return false;
        String name = text.substring(0, paren);
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") && TraceFunction.of(name) != TraceFunction.UNKNOWN;
    }

    @Override
    public Void visitChatterLine(ValgrindParser.ChatterLineContext c) {
        records.chatter(s, Texts.of(c));
        return null;
    }

    @Override
    public Void visitBlankLine(ValgrindParser.BlankLineContext c) {
        s.block = PidState.Block.NONE;
        return null;
    }

    // ---------------------------------------------------------------- summaries

    @Override
    public Void visitHeapInUseLine(ValgrindParser.HeapInUseLineContext c) {
        s.heapOpen = true;
        s.heapBytes = Numbers.count(c.heapInUse().bytes);
        s.heapBlocks = Numbers.count(c.heapInUse().blocks);
        s.heapLine = line;
        return null;
    }

    @Override
    public Void visitHeapTotalLine(ValgrindParser.HeapTotalLineContext c) {
        ValgrindParser.HeapTotalContext h = c.heapTotal();
        long bytes = s.heapOpen ? s.heapBytes : TraceEvent.NO_SIZE;
        long blocks = s.heapOpen ? s.heapBlocks : TraceEvent.NO_SIZE;
        s.heapOpen = false;
        ctx.emit(new HeapSummary(line, bytes, blocks, Numbers.count(h.allocs), Numbers.count(h.frees),
                Numbers.count(h.allocated)));
        return null;
    }

    @Override
    public Void visitLeakHeaderLine(ValgrindParser.LeakHeaderLineContext c) {
        s.inLeakSummary = true;
        return null;
    }

    /** Outside a LEAK SUMMARY such a line is someone else's (the leak tests print "suppressed:  0 bytes in  0 blocks"). */
    @Override
    public Void visitHeuristicLine(ValgrindParser.HeuristicLineContext c) {
        return s.inLeakSummary ? null : text(c);
    }

    @Override
    public Void visitHeuristicHeaderLine(ValgrindParser.HeuristicHeaderLineContext c) {
        return s.inLeakSummary ? null : text(c);
    }

    @Override
    public Void visitLeakKindLine(ValgrindParser.LeakKindLineContext c) {
        if (!s.inLeakSummary) return text(c);
        ValgrindParser.LeakKindTotalContext t = c.leakKindTotal();
        LeakKind kind = t.summaryKind().leakKind() == null ? LeakKind.SUPPRESSED : Records.kind(t.summaryKind().leakKind());
        ctx.emit(new LeakSummary(line, kind, Numbers.count(t.bytes), Numbers.count(t.blocks)));
        return null;
    }

    @Override
    public Void visitErrorSummaryLine(ValgrindParser.ErrorSummaryLineContext c) {
        s.relisting = false;
        ValgrindParser.ErrorSummaryContext e = c.errorSummary();
        ctx.fact("error summary", e.errors.getText() + " errors from " + e.contexts.getText() + " contexts");
        return null;
    }

    // ---------------------------------------------------------------- banner

    @Override
    public Void visitToolBannerLine(ValgrindParser.ToolBannerLineContext c) {
        String tool = c.IDENT().getText();
        ctx.fact("valgrind tool", tool);
        if (!"Memcheck".equals(tool)) {
            ctx.diagnostics().warn(line, 1, "valgrind tool " + tool + ": only memcheck reports and trace-malloc lines are read");
        }
        return null;
    }

    @Override
    public Void visitUsingLine(ValgrindParser.UsingLineContext c) {
        ctx.fact("tool", "valgrind-" + Texts.of(c.versionText()));
        return null;
    }

    @Override
    public Void visitCommandLine(ValgrindParser.CommandLineContext c) {
        ctx.fact("command", Texts.from(c.COMMAND().getSymbol(), c).substring("Command:".length()).trim());
        return null;
    }

    @Override
    public Void visitParentPidLine(ValgrindParser.ParentPidLineContext c) {
        ctx.fact("parent pid", c.DIGITS().getText());
        return null;
    }

    /** Every other alternative (headers, hints, banner lines) is recognized and carries no event. */
    @Override
    protected Void defaultResult() {
        return null;
    }
}
