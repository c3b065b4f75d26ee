package io.heapsift.cli;

import io.heapsift.ingest.EventSink;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.glibc.ModelConfig;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.replay.CheckpointComparison;
import io.heapsift.replay.FanOut;
import io.heapsift.replay.MallinfoRow;
import io.heapsift.replay.MallinfoTsv;
import io.heapsift.replay.ReplayOptions;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Replayer;
import io.heapsift.replay.Sample;
import io.heapsift.replay.Scenario;
import io.heapsift.replay.TrimSchedule;
import io.heapsift.report.ReplayCsvWriter;
import io.heapsift.report.ReplayJsonWriter;
import io.heapsift.report.ReplayReport;
import io.heapsift.report.ReplayTextWriter;
import io.heapsift.report.TimelineCsvWriter;
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
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code heapsift replay}: the trace through a glibc malloc model — live memory vs what the allocator keeps. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Replay a malloc/free trace through a faithful model of glibc 2.36's malloc (ptmalloc2) and",
            "show how much of the heap is live memory and how much the allocator retains.",
            "",
            "Needs a per-call trace: heapsift's bpftrace script (best: glibc's own addresses, threads, times),",
            "ltrace -f -x, valgrind --trace-malloc=yes, or memleak -t. Each call is replayed on the model",
            "in trace order; addresses are mapped to the model's; frees of unknown addresses are counted",
            "and skipped (glibc itself frees its per-thread cache at thread exit), so incomplete traces",
            "replay too and say how incomplete they are.",
            "",
            "What the numbers mean (peak = the moment of the highest estimated RSS):",
            "  live            bytes the program asked for and still holds",
            "  live chunks     the same blocks as glibc sizes them (8-byte header, 16-byte rounding)",
            "  arena           memory glibc took from the kernel for its heaps: the brk heap (main arena)",
            "                  and 64 MiB-aligned heaps of thread arenas = mallinfo2.arena",
            "  mmapped         big blocks glibc mapped one by one (>= mmap_threshold, 128 KiB at first,",
            "                  rising up to 32 MiB as such blocks are freed) = mallinfo2.hblkhd",
            "  free (fordblks) free memory glibc keeps inside the arenas: top chunks (the unused tail of",
            "                  each heap), bins (holes between live blocks: fragmentation) and fastbins",
            "  tcache          freed small blocks parked per thread (glibc counts them as in use)",
            "  trimmable       what malloc_trim(0) would give back now (top beyond the pad, and whole",
            "                  pages of large free holes via madvise)",
            "  RSS estimate    heap pages resident (touched and not returned), assuming the program",
            "                  writes what it allocates",
            "  retained        RSS - live: memory the allocator holds that the program does not",
            "  pinned          free holes that no trim can return because a live chunk sits above them,",
            "                  charged to the stack that allocated that chunk",
            "",
            "Fidelity: on traces with glibc's addresses (bpftrace, ltrace) the model's chunk placement is",
            "checked against glibc's, allocation by allocation. At each mallinfo2() call the program made,",
            "the model's mallinfo2 is compared field by field with glibc's own: from a ground-truth file",
            "(--mallinfo, or <trace-base>.mallinfo.tsv next to the trace, which may add VmRSS), else from",
            "the trace itself when it recorded the call's result (heapsift's bpftrace script does).",
            "See docs/fidelity.md.",
            "",
            "Examples:",
            "  heapsift replay app.bpftrace.txt.gz",
            "  heapsift replay app.bpftrace.txt --malloc mmap_threshold=64k,arena_max=2 --output json",
            "  heapsift replay app.bpftrace.txt --compare arena_max=1 --compare trim_every=10s \\",
            "                  --compare mmap_threshold=32k --timeline app.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:usage error (bad option or tunable)",
            "3:unreadable or unrecognized input, a trace without per-call events, or a bad --mallinfo file"})
public final class ReplayCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Output { TEXT, CSV, JSON }

    /** How models are made; tests replace it. */
    static volatile Function<ModelConfig, AllocatorModel> modelFactory = PtmallocModel::new;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A per-call capture (plain, .gz, .zst, .xz or .bz2).")
    Path trace;

    @Option(names = "--malloc", paramLabel = "NAME=VALUE,...",
            description = "glibc malloc tunables for the model: mmap_threshold, trim_threshold, top_pad, mmap_max, "
                    + "arena_max, arena_test, tcache_count, tcache_max, tcache_unsorted_limit, mxfast, perturb "
                    + "(values: 65536, 64k, 0x10000). Setting any of the first four freezes glibc's dynamic mmap "
                    + "threshold, as in glibc. Not glibc's, for the RSS estimate: touch_bytes=N if the program "
                    + "writes only the first N bytes of each block (default: all of it), touch=0 if it writes "
                    + "none (allocator metadata only: the lower bound).")
    String malloc;

    @Option(names = "--glibc-tunables", paramLabel = "STRING",
            description = "The same as a GLIBC_TUNABLES value: 'glibc.malloc.arena_max=2:glibc.malloc.top_pad=0'. "
                    + "Non-malloc and unknown tunables are ignored, as glibc does.")
    String glibcTunables;

    @Option(names = "--cpus", paramLabel = "N",
            description = "Online CPUs of the traced machine (arena limit 8 x N; default 2).")
    Integer cpus;

    @Option(names = "--trim-every", paramLabel = "N|DURATION",
            description = "Model a malloc_trim(0) every N events, or every DURATION of trace time (500ms, 10s, 1m).")
    String trimEvery;

    @Option(names = "--compare", paramLabel = "CONFIG",
            description = "Also replay under CONFIG (the main settings plus these, e.g. arena_max=1 or "
                    + "trim_every=10s) and print a what-if table. Repeatable; replays run in parallel.")
    List<String> compare = new ArrayList<>();

    @Option(names = {"-O", "--output"}, paramLabel = "FMT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON is one object "
                    + "(docs/json/replay.md); CSV is one row per configuration and moment (peak, end).")
    Output output;

    @Option(names = "--timeline", paramLabel = "FILE.csv",
            description = "Write the footprint series (about 10,000 samples, plus every checkpoint, the peak and "
                    + "the end) as CSV.")
    Path timeline;

    @Option(names = "--mallinfo", paramLabel = "FILE.tsv",
            description = "Ground truth: glibc's mallinfo2 and VmRSS at each checkpoint of the traced run "
                    + "(default: <trace-base>.mallinfo.tsv next to the trace, if present).")
    Path mallinfo;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Pinning stacks to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    InputOptions input;

    /** The checkpoint source named in reports when glibc's numbers come from the trace itself. */
    static final String TRACED_TRUTH = "trace (glibc's mallinfo2 return values)";

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Scenario> scenarios = scenarios();
        ReplayOptions options = ReplayOptions.defaults().withPinningTop(Math.max(0, top));
        Path truthFile = mallinfo != null ? mallinfo : MallinfoTsv.besides(trace);
        List<MallinfoRow> truth = null;
        if (truthFile != null) {
            try {
                truth = MallinfoTsv.read(truthFile);
            } catch (IOException e) {
                err.println("heapsift: " + (e instanceof MallinfoTsv.MallinfoFormatException ? e.getMessage()
                        : truthFile + ": cannot read: " + e.getMessage()));
                err.flush();
                return ExitCode.INPUT_ERROR.code();
            }
        }
        Inputs inputs = new Inputs(input, spec.commandLine());
        List<Replayer> replayers = new ArrayList<>();
        for (Scenario s : scenarios) replayers.add(replayer(s, options));
        EventSink sink = replayers.size() == 1 ? replayers.get(0) : new FanOut(replayers);
        ParseSummary parsed = inputs.parse(trace, sink);
        ExitCode verdict = inputs.verdict(parsed);
        if (parsed == null) return verdict.code();
        ReplayResult main = replayers.get(0).result();
        if (main.counts().allocs() == 0 && main.counts().frees() == 0) {
            err.printf("heapsift: %s: nothing to replay: this %s capture has no per-call allocation events "
                    + "(replay needs heapsift's bpftrace script, ltrace, valgrind --trace-malloc or memleak -t)%n",
                    parsed.source(), parsed.formatId());
            err.flush();
            return ExitCode.INPUT_ERROR.code();
        }
        main = withPeaks(main, scenarios.get(0), options);
        List<ReplayResult> whatIf = new ArrayList<>();
        if (scenarios.size() > 1) {
            whatIf.add(main);
            for (int i = 1; i < replayers.size(); i++) whatIf.add(replayers.get(i).result());
        }
        String truthSource = truthFile == null ? null : truthFile.getFileName().toString();
        if (truth == null) {
            // no file: heapsift's bpftrace capture records what glibc's own mallinfo2() returned at each call
            truth = CheckpointComparison.tracedTruth(main.checkpoints());
            if (truth != null) truthSource = TRACED_TRUTH;
        }
        CheckpointComparison cmp = truth == null ? null : CheckpointComparison.compare(main.checkpoints(), truth);
        ReplayReport report = new ReplayReport(parsed, scenarios.get(0), main, cmp, truthSource,
                carriesGlibcAddresses(parsed), whatIf);
        if (timeline != null) writeTimeline(main);
        write(report);
        return verdict.code();
    }

    private List<Scenario> scenarios() {
        List<Scenario> list = new ArrayList<>();
        try {
            Scenario base = Scenario.defaults().withGlibcTunables(glibcTunables).with(malloc);
            if (cpus != null) {
                if (cpus < 1) throw new IllegalArgumentException("--cpus must be >= 1");
                base = base.with("cpus=" + cpus);
            }
            if (trimEvery != null) base = base.withTrim(TrimSchedule.parse(trimEvery));
            list.add(base);
            for (String c : compare) list.add(base.with(c));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return list;
    }

    private static Replayer replayer(Scenario s, ReplayOptions options) {
        return new Replayer(modelFactory.apply(s.config()), s.trim().applyTo(options), s.label());
    }

    /**
     * A second pass (replay is deterministic) that samples the full footprint, and charges pinned memory to
     * stacks, at the peak and the largest span the first pass found.
     */
    private ReplayResult withPeaks(ReplayResult first, Scenario s, ReplayOptions options) throws TraceInputException {
        long peakAt = first.peak().eventIndex(), spanAt = first.peakSpan().eventIndex();
        if (peakAt >= first.events() && spanAt >= first.events()) return first; // both at the end: already complete
        Replayer again = replayer(s, options.withCapture(peakAt, spanAt).withPlacement(false));
        Ingest.standard().parse(trace, input.format, again);
        ReplayResult second = again.result();
        List<Sample> series = new ArrayList<>();
        for (Sample x : first.timeline()) series.add(x.mark() == Sample.Mark.PEAK ? second.peak() : x);
        return new ReplayResult(first.config(), first.events(), first.counts(), second.peak(), second.peakSpan(),
                first.end(), List.copyOf(series), first.interval(), first.checkpoints(), first.placement(),
                first.incomplete(), second.pinningPeak(), first.pinningEnd(), first.firstTimeNs(), first.lastTimeNs());
    }

    /** valgrind replaces malloc: its addresses say nothing of glibc's layout. */
    static boolean carriesGlibcAddresses(ParseSummary s) {
        String id = s.formatId() == null ? "" : s.formatId().toLowerCase(java.util.Locale.ROOT);
        return !id.contains("valgrind") && !id.contains("memcheck") && !id.contains("heaptrack");
    }

    private void writeTimeline(ReplayResult r) throws IOException {
        try (Writer w = Files.newBufferedWriter(timeline, StandardCharsets.UTF_8)) {
            new TimelineCsvWriter().write(r.timeline(), w);
        }
    }

    private void write(ReplayReport report) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case TEXT -> new ReplayTextWriter().write(report, out);
            case CSV -> new ReplayCsvWriter().write(report, out);
            case JSON -> new ReplayJsonWriter().write(report, out);
        }
        out.flush();
    }
}
