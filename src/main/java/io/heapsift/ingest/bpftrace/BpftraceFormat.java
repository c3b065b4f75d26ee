package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.bpftrace.BpftraceLexer;
import io.heapsift.grammar.bpftrace.BpftraceParser;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.LineParser;
import io.heapsift.ingest.LineReader;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceFormat;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * heapsift's bpftrace capture ({@code heapsift.bt}, "heapsift-bpftrace 1"): one line per outermost
 * allocator call with thread, ns timestamps, glibc's addresses and symbolised user stacks.
 *
 * <p>Lines arrive per CPU, not in global time order; events are put back in timestamp order by a
 * {@link ReorderBuffer} with a window of {@link #WINDOW_NS} and at most {@link #CAPACITY} waiting events.
 */
public final class BpftraceFormat implements TraceFormat {

    /** The format id. */
    public static final String ID = "bpftrace";

    /**
     * Reorder window: an event waits until a line 60 s newer has been read. Evidence (fixtures/workloads,
     * 2 CPUs, BPFTRACE_PERF_RB_PAGES=32768): bpftrace drains one CPU's buffer for a long stretch before the
     * other's; the worst captures step back 15.3 s (holes_64_2, first capture; 261,787 events must wait for
     * a perfect order) and 19.5 s (its recapture). The skew is bounded by how far bpftrace's reader falls
     * behind (up to the per-CPU buffer, ~1.8 M records at 32768 pages), not by time: the window is three
     * times the worst seen, and the capacity is what bounds memory.
     */
    static final long WINDOW_NS = 60_000_000_000L;
    /** At most this many events wait (about 110 MB of heap); beyond, the oldest leave early (counted). */
    static final int CAPACITY = 1 << 20;

    private static final Pattern RECORD = Pattern.compile(
            "^(A \\d+ \\d+ \\d+ (malloc|calloc|realloc|reallocarray|memalign|aligned_alloc|posix_memalign|valloc|pvalloc) "
                    + "|F \\d+ \\d+ free 0x|C \\d+ \\d+ \\d+ (malloc_trim|mallopt|mallinfo2) )");
    /** Lines that start like one of the script's records (a broken one is "unrecognized", not program output). */
    private static final Pattern TAGGED = Pattern.compile("^([ACEFPSTX] \\d|#|\\t[0-9a-fA-F]|Attaching \\d|Lost \\d)");

    /** Decode the frequent plain records by hand ({@link BpftraceFastPath}); false: every line through the grammar. */
    private final boolean fastPath;

    public BpftraceFormat() {
        this(!Boolean.getBoolean("heapsift.bpftrace.noFastPath"));
    }

    BpftraceFormat(boolean fastPath) {
        this.fastPath = fastPath;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "heapsift's bpftrace capture script (heapsift.bt): every outermost glibc allocator call, with stacks";
    }

    /** The script's header decides; without it (an excerpt), a majority of record lines. */
    @Override
    public int probe(Sample sample) {
        int records = 0;
        int nonBlank = 0;
        for (String l : sample.lines()) {
            if (l.startsWith("# heapsift-bpftrace ")) return 100;
            if (l.isBlank()) continue;
            nonBlank++;
            if (RECORD.matcher(l).find()) records++;
        }
        if (records > 0 && records * 2 >= nonBlank) return 70;
        // bpftrace's first line, and nothing of the script (it died, or printed nothing yet)
        return sample.firstNonBlank().matches("Attaching \\d+ probes?\\.\\.\\.") ? 30 : 0;
    }

    @Override
    public void parse(TraceInput input, ParseContext ctx) throws IOException {
        Diagnostics diag = ctx.diagnostics();
        StackBlocks blocks = new StackBlocks(ctx.stacks(), diag);
        ReorderBuffer buffer = new ReorderBuffer(WINDOW_NS, CAPACITY, e -> ctx.emit(withStack(e, blocks)));
        BpftraceEventBuilder builder = new BpftraceEventBuilder(ctx, blocks, buffer);
        LineParser<BpftraceParser, BpftraceParser.LineContext> parser =
                new LineParser<>(new BpftraceLexer(null), new BpftraceParser(null), BpftraceParser::line);
        BpftraceFastPath fast = fastPath ? new BpftraceFastPath() : null;
        try (LineReader lines = input.lines(diag)) {
            String text;
            while ((text = lines.next()) != null) {
                long n = lines.lineNumber();
                if (fast != null && fast.decode(text)) {
                    builder.line(n, fast);
                    continue;
                }
                BpftraceParser.LineContext c = parser.parse(text);
                if (c == null) {
                    unparsed(diag, n, text, parser.errorColumn(), parser.errorMessage());
                    continue;
                }
                try {
                    builder.line(n, c);
                } catch (BpftraceEventBuilder.BadNumber e) {
                    diag.skip(n, e.column, "number out of range", e.getMessage());
                }
            }
        }
        blocks.close();
        buffer.flush();
        if (!ctx.facts().containsKey("format")) {
            diag.warn(1, 0, "no '# heapsift-bpftrace' header: this is not heapsift.bt output, or bpftrace ended"
                    + " before the script's BEGIN printed it");
        }
        if (!ctx.facts().containsKey("end-ns")) {
            diag.warn(diag.lines(), 0, "no 'E' record: the capture was cut short (bpftrace killed or still running)");
        }
        summarize(diag, blocks, buffer, builder);
    }

    private static void unparsed(Diagnostics diag, long n, String text, int column, String message) {
        if (TAGGED.matcher(text).find()) diag.skip(n, column, "unrecognized line", message);
        else diag.skip(n, 1, "program output", null);
    }

    /** Attaches the resolved stack to an allocation leaving the reorder window. */
    private static TraceEvent withStack(ReorderBuffer.Entry e, StackBlocks blocks) {
        if (e.stackId() == 0) return e.event();
        Stack s = blocks.resolve(e.stackId());
        if (e.event() instanceof Alloc a) {
            return new Alloc(a.line(), a.timeNs(), a.tid(), a.kind(), a.size(), a.address(), a.alignment(), s);
        }
        Realloc r = (Realloc) e.event();
        return new Realloc(r.line(), r.timeNs(), r.tid(), r.array(), r.oldAddress(), r.size(), r.newAddress(), s);
    }

    private static void summarize(Diagnostics diag, StackBlocks blocks, ReorderBuffer buffer, BpftraceEventBuilder b) {
        if (buffer.reordered() > 0) diag.note("events put back in time order", buffer.reordered());
        if (buffer.maxStepBack() > 0) diag.note("largest step back in time between lines (ns)", buffer.maxStepBack());
        if (buffer.late() > 0) {
            diag.note("events older than the reorder window (emitted out of order)", buffer.late());
            diag.warn(0, 0, buffer.late() + " events arrived more than " + WINDOW_NS / 1_000_000
                    + " ms after newer ones and could not be put back in time order");
        }
        if (buffer.forced() > 0) diag.note("events released early (reorder buffer full)", buffer.forced());
        if (blocks.unresolved() > 0) diag.note("allocations whose stack block was never printed", blocks.unresolved());
        if (blocks.unterminated() > 0) diag.note("stack blocks without their closing empty line", blocks.unterminated());
    }
}
