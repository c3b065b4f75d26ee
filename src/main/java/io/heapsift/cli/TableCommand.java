package io.heapsift.cli;

import io.heapsift.ingest.ParseSummary;
import io.heapsift.report.TableCsvWriter;
import io.heapsift.report.TableJsonWriter;
import io.heapsift.report.TableOptions;
import io.heapsift.report.TableReport;
import io.heapsift.report.TableTextWriter;
import io.heapsift.table.OutstandingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code heapsift table}: the outstanding-allocation table of each capture. */
@Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print what is still allocated at the end of each capture, by call stack.",
            "",
            "Event traces (ltrace, bpftrace, valgrind --trace-malloc, memleak -t) are followed by",
            "address: realloc moves blocks, frees of blocks allocated before the capture began and",
            "frees of already-freed addresses are counted apart. Snapshot captures (bcc memleak)",
            "give the last snapshot plus the series of every stack over all snapshots. valgrind",
            "leak reports keep their kinds (definitely/indirectly/possibly lost, still reachable).",
            "",
            "Every input line is either understood or counted as skipped, with its reason.",
            "",
            "Examples:",
            "  heapsift table fixtures/valgrind/leaky.memcheck.txt",
            "  heapsift table --output json --top 5 capture.ltrace.gz",
            "  heapsift table --output csv traces/*.txt > table.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage error", "3:unreadable or unrecognized input (or skipped lines with --strict)"})
public final class TableCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Output { TEXT, CSV, JSON }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "Capture files (plain, .gz, .zst, .xz or .bz2).")
    List<Path> traces;

    @Option(names = {"-O", "--output"}, paramLabel = "FMT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "JSON is one object per trace (an array for several); see docs/json/table.md.")
    Output output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "Show only the N largest stacks (default: all; text output shows 20 unless set).")
    int top;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "bytes",
            description = "Order stacks by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TableOptions.Sort sort;

    @Option(names = "--all", description = "Also list stacks with nothing outstanding at the end.")
    boolean all;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        if (top < 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be >= 0");
        PrintWriter err = spec.commandLine().getErr();
        Inputs inputs = new Inputs(input, spec.commandLine());
        List<TableReport> reports = new ArrayList<>();
        ExitCode worst = ExitCode.OK;
        for (Path p : traces) {
            OutstandingTable table = new OutstandingTable();
            ParseSummary s = inputs.parse(p, table);
            ExitCode v = inputs.verdict(s);
            if (v != ExitCode.OK) worst = v;
            if (s != null) reports.add(new TableReport(s, table.result()));
        }
        int shownTop = top == 0 && output == Output.TEXT ? 20 : top;
        TableOptions opts = new TableOptions(shownTop, sort, all);
        write(reports, opts);
        return worst.code();
    }

    private void write(List<TableReport> reports, TableOptions opts) throws java.io.IOException {
        if (reports.isEmpty()) return;
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case TEXT -> new TableTextWriter(opts).write(reports, out);
            case CSV -> {
                new TableCsvWriter(opts).write(reports, out);
                out.flush();
            }
            case JSON -> {
                new TableJsonWriter(opts).write(reports, out);
                out.flush();
            }
        }
    }
}
