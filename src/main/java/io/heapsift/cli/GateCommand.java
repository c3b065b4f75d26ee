package io.heapsift.cli;

import io.heapsift.gate.Baseline;
import io.heapsift.gate.Budget;
import io.heapsift.gate.Gate;
import io.heapsift.gate.GateConfigException;
import io.heapsift.gate.GateReport;
import io.heapsift.gate.GateTextWriter;
import io.heapsift.gate.GithubAnnotations;
import io.heapsift.gate.JunitWriter;
import io.heapsift.gate.Metric;
import io.heapsift.gate.Rules;
import io.heapsift.gate.RulesFile;
import io.heapsift.gate.SarifWriter;
import io.heapsift.gate.SuppressionGenerator;
import io.heapsift.gate.Suppressions;
import io.heapsift.gate.TraceVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code heapsift gate}: fail a CI job on leaks, growth and allocator retention in captures of its test runs. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Judge captures made during test runs against leak, growth and footprint limits, and fail",
            "the CI job when one is broken. Every input format works; see docs/gate.md and docs/ci.md.",
            "",
            "Leaks are judged per stack (its program frames, innermost first). valgrind leak reports",
            "keep their kinds; for inputs without kinds (ltrace, bpftrace, memleak) what is still",
            "allocated at the end is the leak and counts as definitely lost. Built-in suppressions",
            "cover blocks the C/C++ runtime allocates once and keeps (stdio buffers, thread DTVs and",
            "stacks, malloc arenas, libstdc++'s exception pool); --no-default-suppressions drops them.",
            "",
            "Default rules: no definitely lost and no possibly lost byte. Limits take sizes (0, 4096,",
            "64k, 2M) or 'none'. A rules file (--rules, default ./.heapsift-gate.json if present) sets",
            "the same limits plus per-stack budgets; flags override it.",
            "",
            "A missing, unreadable or unrecognized trace, or a directory without captures, fails the",
            "gate (exit 3): never a green build from a capture that did not happen.",
            "",
            "Examples:",
            "  heapsift gate build/leaks/                       (every capture below the directory)",
            "  heapsift gate --suppressions ci/leaks.supp --junit gate.xml --sarif gate.sarif traces/",
            "  heapsift gate --baseline ci/leaks.baseline.json --fail-on-increase 10 traces/",
            "  heapsift gate --baseline ci/leaks.baseline.json --update-baseline traces/",
            "  heapsift gate --max-growth-rate 4k --max-retained-bytes 16M app.bpftrace.txt"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every trace passed", "1:internal error",
            "2:usage error (bad option; unreadable or invalid rules, suppression or baseline file)",
            "3:an input is missing, unreadable or unrecognized, or a directory has no capture (checked first)",
            "4:the gate failed: a trace broke a rule"})
public final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TRACE|DIR", description = "Captures, or directories of captures.")
    List<Path> traces;

    @Option(names = "--rules", paramLabel = "FILE", description = "Rules file (JSON, docs/gate.md). Default: ./.heapsift-gate.json if it exists.")
    Path rulesFile;

    @Option(names = "--max-definite-bytes", paramLabel = "SIZE", description = "Per stack: definitely lost bytes (and, without kinds, bytes outstanding at the end). Default 0.")
    String maxDefiniteBytes;
    @Option(names = "--max-definite-blocks", paramLabel = "N", description = "Per stack: definitely lost (outstanding) blocks.")
    String maxDefiniteBlocks;
    @Option(names = "--max-indirect-bytes", paramLabel = "SIZE", description = "Per stack: indirectly lost bytes (valgrind).")
    String maxIndirectBytes;
    @Option(names = "--max-indirect-blocks", paramLabel = "N", description = "Per stack: indirectly lost blocks (valgrind).")
    String maxIndirectBlocks;
    @Option(names = "--max-possible-bytes", paramLabel = "SIZE", description = "Per stack: possibly lost bytes (valgrind). Default 0.")
    String maxPossibleBytes;
    @Option(names = "--max-possible-blocks", paramLabel = "N", description = "Per stack: possibly lost blocks (valgrind).")
    String maxPossibleBlocks;
    @Option(names = "--max-reachable-bytes", paramLabel = "SIZE", description = "Per stack: still reachable bytes (valgrind).")
    String maxReachableBytes;
    @Option(names = "--max-reachable-blocks", paramLabel = "N", description = "Per stack: still reachable blocks (valgrind).")
    String maxReachableBlocks;
    @Option(names = "--max-growth-rate", paramLabel = "SIZE", description = "Per stack: growth of outstanding bytes per second, as heapsift analyze fits it (least-squares slope after a warm-up) for the stacks it labels growing. Timed captures only.")
    String maxGrowthRate;
    @Option(names = "--max-retained-bytes", paramLabel = "SIZE", description = "Per trace: heap RSS estimate minus live bytes at the worst settled point (before a malloc_trim the program called, or the end), as heapsift analyze reports it; glibc malloc model, per-call traces only.")
    String maxRetainedBytes;
    @Option(names = "--max-peak-bytes", paramLabel = "SIZE", description = "Per trace: highest heap RSS estimate of the replay (per-call traces only).")
    String maxPeakBytes;

    @Option(names = "--budget", paramLabel = "FRAME=SIZE[,BLOCKS]", description = "Per-stack budget: stacks with a frame matching FRAME (* and ? wildcards) may leak up to SIZE bytes (and BLOCKS blocks) per trace; they are judged by the budget instead of the leak limits. Repeatable.")
    List<String> budgets = new ArrayList<>();

    @Option(names = {"-s", "--suppressions"}, paramLabel = "FILE", description = "valgrind .supp file or LeakSanitizer file (leak:PATTERN lines). Repeatable.")
    List<Path> suppressionFiles = new ArrayList<>();

    @Option(names = "--no-default-suppressions", description = "Do not suppress the C/C++ runtime's one-time blocks.")
    boolean noDefaultSuppressions;

    @Option(names = "--gen-suppressions", description = "Print suppressions (valgrind and LeakSanitizer forms) for the leaks not suppressed yet.")
    boolean genSuppressions;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Known leaks (JSON): they pass as unchanged; leaks the baseline does not have are judged by the limits.")
    Path baseline;

    @Option(names = "--update-baseline", description = "Write the current leaks (after suppressions) to the --baseline file, for the traces given, and pass.")
    boolean updateBaseline;

    @Option(names = "--fail-on-increase", paramLabel = "PERCENT", description = "Fail when a known leak's bytes grew more than PERCENT over its baseline.")
    Double failOnIncrease;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: a testsuite per trace, a testcase per rule.")
    Path junit;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Write SARIF 2.1.0.")
    Path sarif;

    @Option(names = "--github", negatable = true, description = "Print GitHub Actions ::error annotations (default: on when GITHUB_ACTIONS=true).")
    Boolean github;

    @Option(names = {"-q", "--quiet"}, description = "Only the one-line summary (stderr) and annotations.")
    boolean quiet;

    @Mixin
    InputOptions input;

    /** The environment (tests replace it). */
    static volatile java.util.function.Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Gate gate;
        try {
            gate = gate();
        } catch (GateConfigException e) {
            err.println("heapsift: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        }
        List<TraceVerdict> verdicts = new GateRunner(input, spec.commandLine(), gate).run(traces);
        GateReport report = new GateReport(verdicts, gate.suppressions(), gate.rules(), gate.rules().baseline() != null);
        if (!quiet) new GateTextWriter().write(report, out);
        if (Boolean.TRUE.equals(github) || (github == null && "true".equalsIgnoreCase(env.apply("GITHUB_ACTIONS")))) {
            new GithubAnnotations().write(report, out);
        }
        if (genSuppressions) new SuppressionGenerator().write(report, out);
        if (junit != null) writeFile(junit, os -> new JunitWriter().write(report, os));
        if (sarif != null) writeFile(sarif, os -> new SarifWriter(version()).write(report, os));
        if (updateBaseline) updateBaseline(report, err);
        err.println(GateTextWriter.summary(report));
        err.flush();
        if (report.count(TraceVerdict.Status.UNUSABLE) > 0) return ExitCode.INPUT_ERROR.code();
        if (updateBaseline) return ExitCode.OK.code();
        return report.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    private Gate gate() throws GateConfigException {
        Rules rules = Rules.defaults();
        Path rf = rulesFile != null ? rulesFile : Files.isRegularFile(Path.of(".heapsift-gate.json")) ? Path.of(".heapsift-gate.json") : null;
        if (rf != null) RulesFile.apply(rf, rules);
        try {
            for (Map.Entry<Metric, String> e : flagLimits().entrySet()) {
                if (e.getValue() != null) rules.limit(e.getKey(), Rules.parseSize(e.getValue()));
            }
            for (String b : budgets) rules.budget(budget(b));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        suppressionFiles.forEach(rules::suppressionFile);
        if (noDefaultSuppressions) rules.defaultSuppressions(false);
        if (baseline != null) rules.baseline(baseline);
        if (failOnIncrease != null) {
            if (failOnIncrease < 0) throw new ParameterException(spec.commandLine(), "--fail-on-increase must be >= 0");
            rules.failOnIncrease(failOnIncrease);
        }
        if (updateBaseline && rules.baseline() == null) {
            throw new ParameterException(spec.commandLine(), "--update-baseline needs --baseline FILE");
        }
        Suppressions sup = new Suppressions();
        if (rules.defaultSuppressions()) sup.add(Suppressions.defaults());
        for (Path p : rules.suppressionFiles()) sup.add(Suppressions.read(p));
        Baseline base = null;
        if (rules.baseline() != null && !(updateBaseline && !Files.exists(rules.baseline()))) {
            base = Baseline.read(rules.baseline());
        }
        return new Gate(rules, sup, updateBaseline ? null : base);
    }

    private Map<Metric, String> flagLimits() {
        Map<Metric, String> m = new EnumMap<>(Metric.class);
        m.put(Metric.DEFINITE_BYTES, maxDefiniteBytes);
        m.put(Metric.DEFINITE_BLOCKS, maxDefiniteBlocks);
        m.put(Metric.INDIRECT_BYTES, maxIndirectBytes);
        m.put(Metric.INDIRECT_BLOCKS, maxIndirectBlocks);
        m.put(Metric.POSSIBLE_BYTES, maxPossibleBytes);
        m.put(Metric.POSSIBLE_BLOCKS, maxPossibleBlocks);
        m.put(Metric.REACHABLE_BYTES, maxReachableBytes);
        m.put(Metric.REACHABLE_BLOCKS, maxReachableBlocks);
        m.put(Metric.GROWTH_RATE, maxGrowthRate);
        m.put(Metric.RETAINED_BYTES, maxRetainedBytes);
        m.put(Metric.PEAK_BYTES, maxPeakBytes);
        return m;
    }

    private static Budget budget(String spec) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--budget wants FRAME=SIZE[,BLOCKS], got '" + spec + "'");
        String[] v = spec.substring(eq + 1).split(",", -1);
        long bytes = Rules.parseSize(v[0]);
        long blocks = v.length > 1 ? Rules.parseSize(v[1]) : Rules.NONE;
        return Budget.of(spec.substring(0, eq), bytes < 0 ? null : bytes, blocks < 0 ? null : blocks);
    }

    private void updateBaseline(GateReport report, PrintWriter err) throws IOException {
        Path file = report.rules().baseline();
        Baseline b = Files.exists(file) ? readOrEmpty(file, err) : new Baseline();
        int n = 0;
        for (TraceVerdict t : report.traces()) {
            if (t.status() == TraceVerdict.Status.UNUSABLE) continue;
            b.put(t.name(), t.leaks());
            n++;
        }
        b.write(file);
        err.println("heapsift: baseline " + file + " updated for " + n + (n == 1 ? " trace" : " traces"));
    }

    private static Baseline readOrEmpty(Path file, PrintWriter err) {
        try {
            return Baseline.read(file);
        } catch (GateConfigException e) {
            err.println("heapsift: " + e.getMessage() + " (replacing it)");
            return new Baseline();
        }
    }

    private interface Body {
        void write(OutputStream os) throws IOException;
    }

    private static void writeFile(Path file, Body body) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(file)) {
            body.write(os);
        }
    }

    private static String version() {
        String v = HeapsiftCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
