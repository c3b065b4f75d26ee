package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Stack;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.valgrindxml.RecordReader.ErrorRecord;
import io.heapsift.ingest.valgrindxml.RecordReader.FatalSignal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the records of a valgrind XML document into events: {@code Leak_*} errors into
 * {@link LeakRecord}s, every other error into a {@link ToolError}, a fatal signal into a
 * {@link ToolError} plus a {@link ProcessExit}, and the protocol-6 summaries into
 * {@link HeapSummary} / {@link LeakSummary}.
 */
final class ValgrindXmlEventBuilder {

    private static final String NUM = "(\\d[\\d,]*)";
    private static final String DELTA = "(?: \\([+-][\\d,]+\\))?";
    private static final String RECORD_NO = "(\\d[\\d,]*|\\.\\.\\.)";
    /**
     * The loss-record sentence (same as the text LOSSLINE, formats.md §2.5). Only here is the
     * direct/indirect split: {@code <leakedbytes>} is their sum and {@code <leakedblocks>} the direct blocks.
     */
    static final Pattern LOSS_TEXT = Pattern.compile(NUM + DELTA + "(?: \\(" + NUM + DELTA + " direct, " + NUM + DELTA
            + " indirect\\))? bytes in " + NUM + DELTA
            + " blocks are (definitely lost|indirectly lost|possibly lost|still reachable)"
            + "(?: in (?:new )?loss record " + RECORD_NO + " of " + RECORD_NO + ")?");

    private static final Map<String, LeakKind> SUMMARY_KINDS = Map.of("definitely_lost", LeakKind.DEFINITE,
            "indirectly_lost", LeakKind.INDIRECT, "possibly_lost", LeakKind.POSSIBLE,
            "still_reachable", LeakKind.REACHABLE, "suppressed", LeakKind.SUPPRESSED);

    private final ParseContext ctx;

    ValgrindXmlEventBuilder(ParseContext ctx) {
        this.ctx = ctx;
    }

    void error(ErrorRecord e) {
        Stack stack = ctx.stacks().intern(e.stack());
        LeakKind kind = leakKind(e.kind());
        if (kind == null) ctx.emit(new ToolError(e.line(), e.kind(), e.what(), stack));
        else ctx.emit(leak(e, kind, stack));
    }

    private LeakRecord leak(ErrorRecord e, LeakKind kind, Stack stack) {
        Matcher m = LOSS_TEXT.matcher(e.what());
        boolean text = m.matches();
        if (!text) ctx.diagnostics().warn(e.line(), 1, "unrecognized loss-record text \"" + e.what()
                + "\": direct/indirect split and record number unknown");
        long bytes = e.leakedBytes() >= 0 ? e.leakedBytes() : text ? Numbers.count(m.group(1)) : 0;
        long blocks = e.leakedBlocks() >= 0 ? e.leakedBlocks() : text ? Numbers.count(m.group(4)) : 0;
        long direct = text && m.group(2) != null ? Numbers.count(m.group(2)) : bytes;
        long indirect = text && m.group(3) != null ? Numbers.count(m.group(3)) : 0;
        if (text) check(e, kind, m, bytes, blocks);
        return new LeakRecord(e.line(), kind, bytes, direct, indirect, blocks,
                text ? Numbers.smallInt(m.group(6), 0) : 0, text ? Numbers.smallInt(m.group(7), 0) : 0, stack);
    }

    /** The sentence and the numeric elements are printed from the same values; say so if they disagree. */
    private void check(ErrorRecord e, LeakKind kind, Matcher m, long bytes, long blocks) {
        if (Numbers.count(m.group(1)) != bytes || Numbers.count(m.group(4)) != blocks
                || LeakKind.fromValgrindText(m.group(5)) != kind) {
            ctx.diagnostics().warn(e.line(), 1, "loss record <kind>" + e.kind() + "</kind> with " + bytes + " bytes in "
                    + blocks + " blocks does not match its text \"" + e.what() + "\"; the elements are used");
        }
    }

    private static LeakKind leakKind(String kind) {
        return switch (kind) {
            case "Leak_DefinitelyLost" -> LeakKind.DEFINITE;
            case "Leak_IndirectlyLost" -> LeakKind.INDIRECT;
            case "Leak_PossiblyLost" -> LeakKind.POSSIBLE;
            case "Leak_StillReachable" -> LeakKind.REACHABLE;
            default -> null;
        };
    }

    /** Valgrind's text-mode wording of the same event, so reports read alike for text and XML captures. */
    void fatalSignal(FatalSignal f, int pid) {
        String name = f.signame() == null ? "signal " + f.signo() : f.signame();
        String what = "Process terminating with default action of signal " + f.signo() + " (" + name + ")"
                + (f.event() == null ? "" : ": " + f.event());
        ctx.emit(new ToolError(f.line(), "FatalSignal", what, ctx.stacks().intern(f.stack())));
        ctx.emit(new ProcessExit(f.line(), TraceEvent.NO_TIME, pid, -1, name));
    }

    /** Protocol 6 {@code <heap_summary>}; false if it holds no numbers (a filtered {@code ...}). */
    boolean heapSummary(Map<String, String> s, long line) {
        long bytes = Numbers.count(s.get("memory_in_use_at_exit/bytes"));
        long blocks = blocks(s, "memory_in_use_at_exit");
        long allocs = Numbers.count(s.get("total_heap_usage/allocs"));
        long frees = Numbers.count(s.get("total_heap_usage/frees"));
        long total = Numbers.count(s.get("total_heap_usage/bytes_allocated"));
        if (bytes < 0 && blocks < 0 && allocs < 0) return false;
        ctx.emit(new HeapSummary(line, Math.max(0, bytes), Math.max(0, blocks), Math.max(0, allocs), Math.max(0, frees),
                Math.max(0, total)));
        return true;
    }

    /** Protocol 6 {@code <leak_summary>}: one event per kind present; false if none is. */
    boolean leakSummary(Map<String, String> s, long line) {
        boolean any = false;
        for (String key : new String[] {"definitely_lost", "indirectly_lost", "possibly_lost", "still_reachable",
                "suppressed"}) {
            long bytes = Numbers.count(s.get(key + "/bytes"));
            if (bytes < 0) continue;
            ctx.emit(new LeakSummary(line, SUMMARY_KINDS.get(key), bytes, Math.max(0, blocks(s, key))));
            any = true;
        }
        return any;
    }

    /** The code writes {@code <blocks>}, the protocol document says {@code <in_blocks>}: accept both. */
    private static long blocks(Map<String, String> s, String parent) {
        long b = Numbers.count(s.get(parent + "/blocks"));
        return b >= 0 ? b : Numbers.count(s.get(parent + "/in_blocks"));
    }
}
