package io.heapsift.cli;

import io.heapsift.ingest.TraceInputException;
import io.heapsift.report.BatchEntry;
import io.heapsift.report.BatchWriter;
import io.heapsift.report.HtmlReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** {@code heapsift report}: analyse many traces at once into a directory of pages with a ranked index. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Analyse every trace given (directories are searched recursively) and write a report directory:",
            "  index.html     every trace ranked by verdict (LEAK, GROWTH, FRAGMENTATION, CLEAN) and bytes,",
            "                 linking one self-contained page per trace (traces/*.html)",
            "  summary.csv    one row per trace",
            "  summary.json   one object: counts by verdict and each trace's analysis (as `analyze --output json`)",
            "Traces are analysed in parallel (--jobs). Files that are clearly not captures (sources, scripts,",
            "*.md, *.tsv, *.stderr, executables) are skipped; unreadable captures are listed as ERROR.",
            "",
            "Examples:",
            "  heapsift report captures/ -o report/",
            "  heapsift report --jobs 4 --no-progress a.bpftrace.txt b.memleak.txt -o out"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (whatever the verdicts)", "1:internal error", "2:usage error",
            "3:some trace was unreadable (it is listed as ERROR), or skipped lines with --strict"})
public final class ReportCommand implements Callable<Integer> {

    /** Not captures: skipped when found in a directory (files named explicitly are always tried). */
    static final Set<String> SKIPPED_EXTENSIONS = Set.of("md", "c", "h", "cc", "cpp", "hpp", "py", "sh", "tsv",
            "stderr", "html", "json", "csv", "svg", "png", "jar", "java", "o", "so", "a", "bt");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TRACE|DIR", description = "Captures, or directories of captures.")
    List<Path> inputs;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "OUTDIR", required = true,
            description = "Directory to write (created if needed; existing report files are replaced).")
    Path outDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Traces analysed at once (default: available processors, at most 4).")
    Integer jobs;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: only when stderr is a terminal and CI is not set).")
    Boolean progress;

    @Option(names = "--what-if", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replay a periodic malloc_trim and MALLOC_ARENA_MAX=2 for FRAGMENTATION advice (default: on).")
    boolean whatIf;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        int n = jobs == null ? Math.min(4, Runtime.getRuntime().availableProcessors()) : jobs;
        if (n < 1) throw new ParameterException(spec.commandLine(), "--jobs must be >= 1");
        new Inputs(input, spec.commandLine()).checkFormat();
        List<Path[]> traces = collect();
        if (traces.isEmpty()) throw new ParameterException(spec.commandLine(), "no captures found in " + inputs);
        Files.createDirectories(outDir.resolve("traces"));
        Progress bar = new Progress(spec.commandLine().getErr(), showProgress(), traces.size());
        List<BatchEntry> entries = analyse(traces, n, bar);
        bar.done();
        entries.sort(BatchEntry.RANKING);
        BatchWriter w = new BatchWriter();
        write(outDir.resolve("index.html"), out -> w.index(entries, out));
        write(outDir.resolve("summary.csv"), out -> w.csv(entries, out));
        write(outDir.resolve("summary.json"), out -> w.json(entries, out));
        long errors = entries.stream().filter(e -> e.result() == null).count();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %d traces (%s)%n", outDir.resolve("index.html"), entries.size(), counts(entries));
        out.flush();
        return errors > 0 ? ExitCode.INPUT_ERROR.code() : ExitCode.OK.code();
    }

    /** {file, the directory it was found under (for its display name), or null}. */
    private List<Path[]> collect() throws IOException {
        List<Path[]> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(ReportCommand::looksLikeCapture).sorted()
                            .forEach(f -> out.add(new Path[] {f, p}));
                }
            } else {
                out.add(new Path[] {p, null});
            }
        }
        return out;
    }

    static boolean looksLikeCapture(Path f) {
        String name = f.getFileName().toString();
        if (name.startsWith(".") || name.equals("Makefile") || name.equals("UPSTREAM_COMMIT")) return false;
        String base = name.replaceAll("\\.(gz|zst|xz|bz2)$", "");
        int dot = base.lastIndexOf('.');
        if (dot < 0) return !Files.isExecutable(f); // built programs sit beside their captures
        return !SKIPPED_EXTENSIONS.contains(base.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private List<BatchEntry> analyse(List<Path[]> traces, int n, Progress bar) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "heapsift-report");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BatchEntry>> futures = new ArrayList<>();
            AtomicInteger page = new AtomicInteger();
            for (Path[] t : traces) {
                int id = page.incrementAndGet();
                futures.add(pool.submit(() -> {
                    try {
                        return one(t[0], t[1], id);
                    } finally {
                        bar.step();
                    }
                }));
            }
            List<BatchEntry> out = new ArrayList<>();
            for (Future<BatchEntry> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private BatchEntry one(Path trace, Path base, int id) throws IOException {
        String name = base == null ? trace.toString() : base.relativize(trace).toString();
        try {
            TraceAnalysis.Outcome o = new TraceAnalysis(input.format, whatIf).run(trace, name, List.of(), null);
            if (input.strict && o.parse().skipped() > 0) {
                return new BatchEntry(name, null, o.parse().skipped() + " lines skipped (--strict)", null);
            }
            String page = String.format(Locale.ROOT, "traces/%04d-%s.html", id, safe(name));
            write(outDir.resolve(page), out -> new HtmlReportWriter().write(o.result(), out));
            return new BatchEntry(name, o.result(), null, page);
        } catch (TraceInputException e) {
            return new BatchEntry(name, null, e.getMessage(), null);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new BatchEntry(name, null, "internal error: " + e, null);
        }
    }

    /** A file-name-safe version of a trace path. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 80 ? s.substring(s.length() - 80) : s;
    }

    private boolean showProgress() {
        if (progress != null) return progress;
        String ci = System.getenv("CI");
        return System.console() != null && (ci == null || ci.isEmpty() || ci.equals("false"));
    }

    private static String counts(List<BatchEntry> entries) {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (String v : List.of("LEAK", "GROWTH", "FRAGMENTATION", "CLEAN", "ERROR")) {
            long c = entries.stream().filter(e -> e.verdict().equals(v)).count();
            if (c > 0) m.put(v, c);
        }
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
        return sb.toString();
    }

    interface Body {
        void write(Writer out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(w);
        }
    }

    /** A one-line progress bar on stderr, redrawn with \r; nothing at all when off. Thread-safe. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean on;
        private final int total;
        private int done;

        Progress(PrintWriter err, boolean on, int total) {
            this.err = err;
            this.on = on;
            this.total = total;
            draw();
        }

        synchronized void step() {
            done++;
            draw();
        }

        private void draw() {
            if (!on) return;
            int width = 30, filled = total == 0 ? width : done * width / total;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            err.flush();
        }

        synchronized void done() {
            if (!on) return;
            err.print("\r" + " ".repeat(50) + "\r");
            err.flush();
        }
    }
}
