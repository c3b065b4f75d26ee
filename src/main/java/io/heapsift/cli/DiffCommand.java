package io.heapsift.cli;

import io.heapsift.gate.Baseline;
import io.heapsift.gate.Findings;
import io.heapsift.gate.GateConfigException;
import io.heapsift.gate.Leak;
import io.heapsift.gate.Suppressions;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.table.OutstandingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** {@code heapsift diff A B}: what leaks changed between two runs, for a person. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare the leaks of two runs, stack by stack (stable keys: function names only).",
            "Each side is a capture or a baseline file (heapsift gate --update-baseline). Two captures, or",
            "a capture and a one-trace baseline, are compared directly; two baselines trace by trace.",
            "Captures get the gate's built-in suppressions (and --suppressions) first.",
            "",
            "Example:  heapsift diff ci/leaks.baseline.json build/leaky.bpftrace.txt"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared (differences are not an error)", "2:usage error or bad baseline/suppression file",
            "3:a capture is missing, unreadable or unrecognized"})
public final class DiffCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The earlier run: capture or baseline.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The later run: capture or baseline.")
    Path b;

    @Option(names = {"-s", "--suppressions"}, paramLabel = "FILE", description = "Suppressions applied to captures. Repeatable.")
    List<Path> suppressionFiles = new ArrayList<>();

    @Option(names = "--no-default-suppressions", description = "Do not suppress the C/C++ runtime's one-time blocks.")
    boolean noDefaultSuppressions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Map<String, Map<String, Baseline.Entry>> left, right;
        try {
            left = side(a);
            right = side(b);
        } catch (GateConfigException e) {
            err.println("heapsift: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        } catch (TraceInputException e) {
            err.println("heapsift: " + e.getMessage());
            err.flush();
            return ExitCode.INPUT_ERROR.code();
        }
        out.println("heapsift diff: " + a + " -> " + b);
        if (left.size() == 1 && right.size() == 1) {
            compare(left.keySet().iterator().next() + " -> " + right.keySet().iterator().next(),
                    left.values().iterator().next(), right.values().iterator().next(), out);
        } else {
            for (String name : new TreeSet<>(union(left.keySet(), right.keySet()))) {
                compare(name, left.getOrDefault(name, Map.of()), right.getOrDefault(name, Map.of()), out);
            }
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static java.util.Set<String> union(java.util.Set<String> x, java.util.Set<String> y) {
        java.util.Set<String> s = new java.util.HashSet<>(x);
        s.addAll(y);
        return s;
    }

    private Map<String, Map<String, Baseline.Entry>> side(Path p) throws GateConfigException, TraceInputException {
        Map<String, Map<String, Baseline.Entry>> m = new LinkedHashMap<>();
        if (Baseline.looksLikeBaseline(p)) {
            Baseline base = Baseline.read(p);
            for (String n : base.traceNames()) m.put(n, base.trace(n));
            return m;
        }
        OutstandingTable table = new OutstandingTable();
        Ingest.standard().parse(p, null, table);
        Suppressions sup = new Suppressions();
        if (!noDefaultSuppressions) sup.add(Suppressions.defaults());
        for (Path f : suppressionFiles) sup.add(Suppressions.read(f));
        List<Leak> kept = new ArrayList<>();
        for (Leak l : Findings.rows(table.result())) {
            if (sup.match(l) == null) kept.add(l);
        }
        Baseline one = new Baseline();
        String name = p.getFileName().toString();
        one.put(name, Findings.merge(kept));
        m.put(name, one.trace(name));
        return m;
    }

    private static void compare(String title, Map<String, Baseline.Entry> x, Map<String, Baseline.Entry> y, PrintWriter out) {
        out.println(title + ":");
        long before = 0, after = 0;
        int unchanged = 0;
        List<String> lines = new ArrayList<>();
        for (Baseline.Entry e : x.values()) before += e.bytes();
        for (Baseline.Entry e : y.values()) after += e.bytes();
        for (Baseline.Entry e : y.values()) {
            Baseline.Entry old = x.get(e.id());
            if (old == null) lines.add(row("new", e.kind(), "+" + e.bytes() + " bytes in " + e.blocks() + " blocks", e.stack()));
            else if (e.bytes() > old.bytes()) lines.add(row("grown", e.kind(), old.bytes() + " -> " + e.bytes() + " bytes ("
                    + pct(old.bytes(), e.bytes()) + ")", e.stack()));
            else if (e.bytes() < old.bytes()) lines.add(row("shrunk", e.kind(), old.bytes() + " -> " + e.bytes() + " bytes ("
                    + pct(old.bytes(), e.bytes()) + ")", e.stack()));
            else unchanged++;
        }
        for (Baseline.Entry e : x.values()) {
            if (!y.containsKey(e.id())) lines.add(row("fixed", e.kind(), "-" + e.bytes() + " bytes in " + e.blocks() + " blocks", e.stack()));
        }
        lines.forEach(out::println);
        out.printf(Locale.ROOT, "  %d unchanged; leaked bytes %d -> %d (%+d)%n", unchanged, before, after, after - before);
    }

    private static String row(String what, String kind, String amount, String stack) {
        return String.format(Locale.ROOT, "  %-7s %-11s %-32s %s", what, kind, amount, stack);
    }

    private static String pct(long from, long to) {
        if (from == 0) return "new";
        return String.format(Locale.ROOT, "%+.0f%%", (to - from) * 100.0 / from);
    }
}
