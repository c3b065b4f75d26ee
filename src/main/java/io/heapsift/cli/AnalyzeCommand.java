package io.heapsift.cli;

import io.heapsift.analysis.AllocatorStats;
import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.ChartPoint;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.report.AnalysisCsvWriter;
import io.heapsift.report.AnalysisJsonWriter;
import io.heapsift.report.AnalysisTextWriter;
import io.heapsift.report.FoldedWriter;
import io.heapsift.report.HtmlReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code heapsift analyze}: the verdict for one trace — leak, growth, fragmentation or clean — with evidence. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Say what a capture shows: LEAK (memory lost or never freed, recurring), GROWTH (a stack's outstanding",
            "bytes rise steadily), FRAGMENTATION (glibc malloc holds much more than the program uses: holes, pinned",
            "free memory, idle arenas) or CLEAN — with the evidence in numbers and concrete advice.",
            "",
            "Every stack still holding memory at the end is labelled: definitely/indirectly/possibly lost and",
            "still reachable (valgrind's kinds), growing (slope and R² of its outstanding bytes over time, warm-up",
            "excluded), never freed, never freed by an ended thread, one-off (one block kept to the end:",
            "harmless), or runtime (stdio buffers, thread blocks, the C++ EH pool). Per-call traces are also",
            "replayed through the glibc 2.36 malloc model for retention, pinning and plateau detection.",
            "The rules and thresholds: docs/analysis.md.",
            "",
            "Examples:",
            "  heapsift analyze app.bpftrace.txt",
            "  heapsift analyze --output json app.memleak.txt",
            "  heapsift analyze --output html -o report.html --rss rss.log app.bpftrace.txt.gz",
            "  heapsift analyze --output folded app.bpftrace.txt | flamegraph.pl > leaks.svg"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (whatever the verdict)", "1:internal error", "2:usage error",
            "3:unreadable or unrecognized input (or skipped lines with --strict)"})
public final class AnalyzeCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Output { TEXT, JSON, HTML, CSV, FOLDED }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A capture (plain, .gz, .zst, .xz or .bz2).")
    Path trace;

    @Option(names = {"-O", "--output"}, paramLabel = "FMT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON is one object "
                    + "(docs/json/analyze.md); HTML is one self-contained page; folded is flamegraph.pl input.")
    Output output;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path outFile;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Stacks to list (default: ${DEFAULT-VALUE}; folded output always has all).")
    int top;

    @Option(names = "--rss", paramLabel = "FILE",
            description = "A sampled RSS log to show beside the model: /proc/PID/status dumps (VmRSS lines, "
                    + "optionally after a timestamp) or `ps -o rss` output.")
    Path rss;

    @Option(names = "--malloc-stats", paramLabel = "FILE",
            description = "The program's malloc_stats() (stderr) or malloc_info() (XML) output to show beside the model.")
    Path mallocStats;

    @Option(names = "--what-if", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replay a periodic malloc_trim and MALLOC_ARENA_MAX=2 for FRAGMENTATION advice "
                    + "(default: on; --no-what-if skips the extra pass).")
    boolean whatIf;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        if (top < 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be >= 0");
        PrintWriter err = spec.commandLine().getErr();
        List<ChartPoint> rssPoints;
        AllocatorStats stats;
        try {
            rssPoints = rss == null ? List.of() : Overlays.rss(rss);
            stats = mallocStats == null ? null : Overlays.stats(mallocStats);
        } catch (IOException e) {
            err.println("heapsift: " + e.getMessage());
            err.flush();
            return ExitCode.INPUT_ERROR.code();
        }
        Inputs inputs = new Inputs(input, spec.commandLine());
        inputs.checkFormat();
        TraceAnalysis.Outcome o;
        try {
            o = new TraceAnalysis(input.format, whatIf).run(trace, rssPoints, stats);
        } catch (TraceInputException e) {
            err.println("heapsift: " + e.getMessage());
            err.flush();
            return ExitCode.INPUT_ERROR.code();
        }
        inputs.report(o.parse());
        if (outFile != null) {
            try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                 PrintWriter pw = new PrintWriter(w)) {
                write(o.result(), pw, false);
            }
        } else {
            write(o.result(), spec.commandLine().getOut(), true);
        }
        return inputs.verdict(o.parse()).code();
    }

    private void write(AnalysisResult r, PrintWriter out, boolean terminal) throws IOException {
        switch (output) {
            case TEXT -> new AnalysisTextWriter(top, terminal ? AnalyzeCommand::bold : s -> s).write(r, out);
            case JSON -> new AnalysisJsonWriter(top).write(r, out);
            case CSV -> new AnalysisCsvWriter(top).write(r, out);
            case FOLDED -> new FoldedWriter().write(r, out);
            case HTML -> new HtmlReportWriter().write(r, out);
        }
        out.flush();
    }

    /** Bold on a terminal only (picocli's Ansi.AUTO); fixed words only, never trace data. */
    static String bold(String fixedWord) {
        return Ansi.AUTO.string("@|bold " + fixedWord + "|@");
    }
}
