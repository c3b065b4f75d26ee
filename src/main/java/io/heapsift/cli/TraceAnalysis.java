package io.heapsift.cli;

import io.heapsift.analysis.AllocatorStats;
import io.heapsift.analysis.AnalysisInput;
import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Analyzer;
import io.heapsift.analysis.ChartPoint;
import io.heapsift.analysis.StackSeries;
import io.heapsift.analysis.TrimWatch;
import io.heapsift.analysis.Verdict;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.model.glibc.ModelConfig;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.replay.FanOut;
import io.heapsift.replay.ReplayOptions;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Replayer;
import io.heapsift.replay.Scenario;
import io.heapsift.replay.TrimSchedule;
import io.heapsift.table.OutstandingTable;
import io.heapsift.table.TableResult;
import io.heapsift.table.TableMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs everything one trace needs for its analysis: one ingest pass into the table, the per-stack series and the
 * replay; when the verdict is about the allocator, a second pass replays what-if settings (a periodic trim, fewer
 * arenas) for the advice. Thread-safe per instance use: each call builds its own sinks.
 */
final class TraceAnalysis {

    /** Buckets per stack series. */
    static final int SERIES_BUCKETS = 64;

    private final Ingest ingest = Ingest.standard();
    private final String format;
    private final boolean whatIf;

    TraceAnalysis(String format, boolean whatIf) {
        this.format = format;
        this.whatIf = whatIf;
    }

    /**
     * The result with its ingest accounting. A capture that holds no allocation data at all (ltrace -c's summary,
     * memleak output without a snapshot, a memcheck log cut before its HEAP SUMMARY) is not judged: it is an input
     * error, so that nothing reads "CLEAN" for lack of data.
     */
    record Outcome(ParseSummary parse, AnalysisResult result) {
    }

    Outcome run(Path trace, List<ChartPoint> rss, AllocatorStats stats) throws TraceInputException {
        return run(trace, trace.getFileName().toString(), rss, stats);
    }

    /** The same, shown under {@code name} (the batch report uses paths relative to the directory given). */
    Outcome run(Path trace, String name, List<ChartPoint> rss, AllocatorStats stats) throws TraceInputException {
        ParseSummary[] parsed = new ParseSummary[1];
        AnalysisResult result = analyze(name, sink -> {
            parsed[0] = ingest.parse(trace, format, sink);
            return parsed[0].formatId();
        }, rss, stats);
        String empty = emptiness(parsed[0], result.table());
        if (empty != null) throw new TraceInputException(name, empty);
        return new Outcome(parsed[0], result);
    }

    /**
     * A capture that says nothing about the heap is not judged (nor passed by the gate): an event trace without a
     * single call, memleak output without a snapshot, or a memcheck text log without its HEAP SUMMARY (the run did
     * not end normally). valgrind's XML has no heap summary, and a leak-free run has no leak record in it: that
     * passes.
     */
    static String emptiness(ParseSummary s, TableResult t) {
        if (t.mode() != TableMode.EMPTY) return null;
        String id = s.formatId() == null ? "" : s.formatId().toLowerCase(Locale.ROOT);
        if (id.equals("valgrind-memcheck-xml")) return null;
        if (id.equals("valgrind-memcheck")) {
            return t.toolHeapSummary() != null || !t.toolLeakSummary().isEmpty() ? null
                    : "no HEAP SUMMARY in this memcheck log: the run did not finish (crashed, killed, or cut short)";
        }
        return "no allocation data in this " + s.formatId() + " capture: nothing was traced";
    }

    /** Where events come from: feeds a sink, returns the format id. */
    interface Feed {
        String feed(EventSink sink) throws TraceInputException;
    }

    /** The analysis of any event stream (tests feed synthetic events); the feed runs twice for what-ifs. */
    AnalysisResult analyze(String source, Feed feed, List<ChartPoint> rss, AllocatorStats stats)
            throws TraceInputException {
        OutstandingTable table = new OutstandingTable();
        StackSeries series = new StackSeries(SERIES_BUCKETS);
        TrimWatch model = new TrimWatch(new PtmallocModel(ModelConfig.defaults()));
        Replayer replayer = new Replayer(model, ReplayOptions.defaults().withPlacement(false), "defaults");
        String formatId = feed.feed(new FanOut(List.of(table, series, replayer)));
        ReplayResult replay = replayer.result();
        if (replay.counts().allocs() == 0 && replay.counts().frees() == 0) replay = null;
        StackSeries.Result sr = series.result();
        List<ChartPoint> overlay = align(rss, replay != null ? replay.firstTimeNs() : sr.firstTimeNs());
        AnalysisInput in = new AnalysisInput(source, formatId, table.result(), sr, replay,
                replay == null ? List.of() : model.trims(), Map.of(), overlay, stats);
        Analyzer analyzer = new Analyzer();
        AnalysisResult result = analyzer.analyze(in);
        if (whatIf && replay != null && result.verdict() == Verdict.FRAGMENTATION) {
            Map<String, ReplayResult> w = whatIfs(feed, replay);
            result = analyzer.analyze(new AnalysisInput(source, formatId, in.table(), sr, replay,
                    in.trims(), w, overlay, stats));
        }
        return result;
    }

    /** A periodic trim at a tenth of the trace (1 s to 1 min), and arena_max=2 when more than two threads ran. */
    private Map<String, ReplayResult> whatIfs(Feed feed, ReplayResult base) throws TraceInputException {
        List<Scenario> scenarios = new ArrayList<>();
        TrimSchedule trim;
        if (base.firstTimeNs() != TraceEvent.NO_TIME && base.lastTimeNs() > base.firstTimeNs()) {
            double tenth = (base.lastTimeNs() - base.firstTimeNs()) / 10e9;
            long seconds = Math.max(1, Math.min(60, Math.round(tenth)));
            trim = seconds == 60 ? TrimSchedule.parse("1m") : TrimSchedule.parse(seconds + "s");
            if (tenth < 1) trim = TrimSchedule.parse(Math.max(1, Math.round(tenth * 1000)) + "ms");
        } else {
            trim = new TrimSchedule(Math.max(16, base.events() / 10), 0);
        }
        scenarios.add(Scenario.defaults().withTrim(trim));
        if (base.counts().threads() > 2) scenarios.add(Scenario.defaults().with("arena_max=2"));
        List<Replayer> rs = new ArrayList<>();
        for (Scenario s : scenarios) {
            rs.add(new Replayer(new PtmallocModel(s.config()),
                    s.trim().applyTo(ReplayOptions.defaults().withPlacement(false)), s.label()));
        }
        feed.feed(new FanOut(rs));
        Map<String, ReplayResult> out = new LinkedHashMap<>();
        for (int i = 0; i < rs.size(); i++) {
            String label = scenarios.get(i).label();
            if (label.startsWith("trim_every=") && trim.events() > 0) label = "trim_every=" + trim.events() + " events";
            out.put(label, rs.get(i).result());
        }
        return out;
    }

    /** Seconds since 1970 above this (2001-09-09) are wall-clock times; smaller clocks count from boot or start. */
    static final double EPOCH_FLOOR_S = 1e9;
    /** Clocks further apart than this are not the same run. */
    static final double SAME_RUN_S = 86_400;

    /**
     * Puts sampled RSS on the chart's axis (seconds from the trace's first timed event). When both the samples and
     * the trace carry wall-clock (epoch) times within a day of each other (a {@code date +%s.%N} RSS log beside
     * {@code ltrace -ttt}, say), the clocks align them; otherwise both are taken to begin with the run: epoch
     * samples count from their first one, {@code ps -o etimes} samples from the process start.
     */
    static List<ChartPoint> align(List<ChartPoint> rss, long traceFirstNs) {
        if (rss == null || rss.isEmpty()) return List.of();
        double x0 = rss.get(0).x();
        double traceStart = traceFirstNs == TraceEvent.NO_TIME ? Double.NaN : traceFirstNs / 1e9;
        boolean clocks = x0 >= EPOCH_FLOOR_S && traceStart >= EPOCH_FLOOR_S && Math.abs(x0 - traceStart) < SAME_RUN_S;
        // epoch stamps of another clock: from the first sample; ps etimes and sample numbers already count from the start
        double origin = clocks ? traceStart : x0 >= EPOCH_FLOOR_S ? x0 : 0;
        List<ChartPoint> out = new ArrayList<>(rss.size());
        for (ChartPoint p : rss) out.add(new ChartPoint(p.x() - origin, p.liveBytes(), p.heapBytes(), p.rssBytes()));
        return out;
    }
}
