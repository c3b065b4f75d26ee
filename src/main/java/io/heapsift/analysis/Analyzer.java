package io.heapsift.analysis;

import io.heapsift.event.LeakKind;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;
import io.heapsift.model.Footprint;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Sample;
import io.heapsift.table.KindTotal;
import io.heapsift.table.SnapshotInfo;
import io.heapsift.table.StackRow;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a trace's table, series and replay into an {@link AnalysisResult}: a label per stack, a verdict, the
 * evidence and advice. Thresholds are constants here and explained in docs/analysis.md.
 */
public final class Analyzer {

    /** A trend is a trend when the line explains this much of the variance. */
    static final double MIN_R2 = 0.8;
    /** ... and the stack gained at least this much along it ... */
    static final long MIN_GROWN_BYTES = 64 * 1024;
    /** ... which is at least this share of its peak (not a constant baseline with a wiggle). */
    static final double MIN_GROWN_SHARE = 0.4;
    /**
     * glibc's main arena legitimately keeps up to M_TRIM_THRESHOLD (128 KiB) of top plus M_TOP_PAD (128 KiB) after a
     * trim; retention below this is how malloc works, not a problem.
     */
    static final long RETAIN_FLOOR = 256 * 1024;
    /** Retention matters when it is at least this share of the heap's resident memory. */
    static final double RETAIN_SHARE = 0.5;
    /** Fragmentation beats a leak when it holds this many times more memory than the leak. */
    static final long FRAGMENTATION_OVER_LEAK = 64;
    /**
     * Never-freed blocks without reachability information (event traces, snapshots) make a leak only when one stack
     * kept them at this many separate moments: the same code path losing memory again. One-off blocks and one burst
     * (a table filled once) are harmless.
     */
    static final int MIN_RECURRENCES = 2;
    /**
     * Without call stacks every block shares one row, so unrelated one-offs (a block at start-up, a table filled
     * before exit) already make two moments; it takes three to call it recurring.
     */
    static final int MIN_RECURRENCES_NO_STACK = 3;
    /** Chart points kept. */
    static final int CHART_POINTS = 400;

    public AnalysisResult analyze(AnalysisInput in) {
        TableResult t = in.table();
        List<Suspect> suspects = suspects(in);
        long leaked = 0, leakedBlocks = 0;
        for (Suspect s : suspects) {
            if (s.label().isProblem() && s.label() != Label.GROWING) {
                leaked += s.bytes() + s.indirectBytes();
                leakedBlocks += s.blocks();
            }
        }
        if (t.mode() == TableMode.LEAK_REPORT && suspects.stream().noneMatch(s -> s.label().isProblem())) {
            // a summary-only report: the kinds' totals, no records
            for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE)) {
                KindTotal kt = kindTotal(t, k);
                leaked += kt.bytes();
                leakedBlocks += kt.blocks();
            }
        }
        boolean wholeRun = t.mode() == TableMode.LEAK_REPORT || in.series() != null && in.series().processExit();
        Retention retention = in.replay() == null ? null : retention(in);
        Plateau plateau = in.replay() == null ? null : plateau(in.replay());
        List<WhatIf> whatIf = whatIf(in);
        List<Suspect> growing = suspects.stream().filter(s -> s.label() == Label.GROWING).toList();

        Verdict v;
        boolean frag = retention != null && retention.significant();
        if (!growing.isEmpty()) v = Verdict.GROWTH;
        else if (leaked > 0 && !(frag && retention.retainedBytes() >= FRAGMENTATION_OVER_LEAK * leaked)) v = Verdict.LEAK;
        else if (frag) v = Verdict.FRAGMENTATION;
        else v = Verdict.CLEAN;

        Narrative n = new Narrative(in, suspects, leaked, leakedBlocks, wholeRun, retention, plateau, whatIf);
        return new AnalysisResult(in.source(), in.format(), v, n.severity(v), n.evidence(v), n.advice(v),
                List.copyOf(suspects), leaked, leakedBlocks, wholeRun, t, in.replay(), retention, plateau,
                whatIf, chart(in.replay()), in.sampledRss() == null ? List.of() : List.copyOf(in.sampledRss()),
                in.allocatorStats(), in.series() == null ? null : in.series().killedBy());
    }

    private static KindTotal kindTotal(TableResult t, LeakKind k) {
        KindTotal kt = t.kinds().get(k);
        if (kt == null && t.toolLeakSummary() != null) kt = t.toolLeakSummary().get(k);
        return kt == null ? KindTotal.ZERO : kt;
    }

    // ------------------------------------------------------------------ stacks

    private List<Suspect> suspects(AnalysisInput in) {
        TableResult t = in.table();
        List<Suspect> out = new ArrayList<>();
        int active = lastActiveSnapshot(t);
        for (StackRow r : t.stacks()) {
            Growth g = growth(in, r);
            Label label = label(in, r, g, active);
            if (label == null) continue;
            out.add(new Suspect(r.stack(), label, r.liveBytes(), r.liveBlocks(), r.indirectBytes(), r.allocs(),
                    Math.max(r.peakBytes(), r.liveBytes()), g));
        }
        out.sort(Comparator.comparing((Suspect s) -> !s.label().isProblem())
                .thenComparing(Comparator.comparingLong((Suspect s) -> s.bytes() + s.indirectBytes()).reversed()));
        return out;
    }

    private static Label label(AnalysisInput in, StackRow r, Growth g, int activeSnapshot) {
        if (r.kind() != null) {
            return switch (r.kind()) {
                case DEFINITE -> Label.DEFINITE;
                case INDIRECT -> Label.INDIRECT;
                case POSSIBLE -> Label.POSSIBLE;
                case REACHABLE -> Label.REACHABLE;
                case SUPPRESSED -> null;
            };
        }
        boolean runtime = RuntimeFrames.isRuntime(r.stack());
        boolean level = plateaued(in, r, activeSnapshot);
        if (!runtime && !level && significant(g, r)) return Label.GROWING;
        if (r.liveBytes() <= 0) return null; // transient: everything freed; not a suspect
        if (runtime) return Label.RUNTIME;
        StackSeries.Series s = in.series() == null ? null : in.series().of(r.stack());
        boolean hasTids = s != null && in.series().threads();
        boolean exited = in.series() != null && in.series().processExit();
        if (s != null && s.endedThreadBlocks() > 0 || (!hasTids || exited) && RuntimeFrames.onThread(r.stack())) {
            return Label.THREAD_LEAK;
        }
        if (level) return Label.PLATEAU;
        int needed = r.stack().frames().isEmpty() ? MIN_RECURRENCES_NO_STACK : MIN_RECURRENCES;
        if (r.liveBlocks() >= 2 && recurrences(in, r, s) >= needed) return Label.LEAKED;
        return Label.ONE_OFF;
    }

    /** Separate moments at which the stack kept memory for good (see {@link StackSeries#floorSteps}). */
    private static int recurrences(AnalysisInput in, StackRow r, StackSeries.Series s) {
        if (r.seriesBytes() != null && r.seriesBytes().length > 0) return StackSeries.floorSteps(r.seriesBytes());
        return s == null ? 0 : s.keptMoments();
    }

    /**
     * A trend that still holds at the end: a straight enough line that gained enough, and the stack still has at
     * least half of its peak at the end (a batch allocated and then freed is a working set, not growth).
     */
    static boolean significant(Growth g, StackRow r) {
        long peak = Math.max(r.peakBytes(), r.liveBytes());
        return g != null && g.slope() > 0 && g.r2() >= MIN_R2 && g.grownBytes() >= MIN_GROWN_BYTES
                && g.grownBytes() >= MIN_GROWN_SHARE * r.liveBytes() && r.liveBytes() >= peak / 2;
    }

    private static Growth growth(AnalysisInput in, StackRow r) {
        if (r.seriesBytes() != null && r.seriesBytes().length > 0) {
            return Growth.fit(snapshotX(in, r), r.seriesBytes(), snapshotsTimed(in));
        }
        if (in.series() == null) return null;
        StackSeries.Series s = in.series().of(r.stack());
        return s == null ? null : Growth.fit(s.x(), s.bytes(), in.series().byTime());
    }

    /**
     * The stack grew and then stayed level for the second half of its active span (see {@link Growth#plateaued}).
     * Event traces: the span from the stack's first to its last allocation. Snapshots (no block
     * identity): trailing snapshots in which no stack changed at all (memleak goes on printing after the program
     * ended or went idle) are dropped, and the program was active until the last snapshot kept. Never for the
     * single row of a capture without stacks.
     */
    private static boolean plateaued(AnalysisInput in, StackRow r, int active) {
        // the row of a capture without stacks pools every call site: a small leak hides in a level working set
        if (r.liveBytes() <= 0 || r.stack().frames().isEmpty()) return false;
        if (r.seriesBytes() != null && r.seriesBytes().length > 0) {
            double[] x = snapshotX(in, r);
            return active > 0 && active < x.length && Growth.plateaued(x, r.seriesBytes(), x[0], x[active], active);
        }
        StackSeries.Series s = in.series() == null ? null : in.series().of(r.stack());
        return s != null && Growth.plateaued(s.x(), s.bytes(), s.firstAllocX(), s.lastAllocX(), Integer.MAX_VALUE - 1);
    }

    /** The last snapshot in which any stack's bytes differ from the snapshot before (0 when none does). */
    static int lastActiveSnapshot(TableResult t) {
        int last = 0;
        for (StackRow row : t.stacks()) {
            long[] y = row.seriesBytes();
            if (y == null) continue;
            for (int i = y.length - 1; i > last; i--) {
                if (y[i] != y[i - 1]) {
                    last = i;
                    break;
                }
            }
        }
        return last;
    }

    private static boolean snapshotsTimed(AnalysisInput in) {
        List<SnapshotInfo> snaps = in.table().snapshots();
        return !snaps.isEmpty() && snaps.get(0).timeNs() != TraceEvent.NO_TIME;
    }

    /** Snapshot times in seconds from the first snapshot, or snapshot numbers when they carry no time. */
    private static double[] snapshotX(AnalysisInput in, StackRow r) {
        List<SnapshotInfo> snaps = in.table().snapshots();
        boolean timed = snapshotsTimed(in);
        double[] x = new double[r.seriesBytes().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = timed && i < snaps.size() ? (snaps.get(i).timeNs() - snaps.get(0).timeNs()) / 1e9 : i;
        }
        return x;
    }

    // ------------------------------------------------------------------ replay

    /** The worst settled point: before each trim the program called, and the end. */
    private static Retention retention(AnalysisInput in) {
        ReplayResult rr = in.replay();
        Retention best = point("at the end", rr.end().eventIndex(), rr.end().footprint(), -1, rr);
        int i = 0;
        for (TrimWatch.Trim trim : in.trims()) {
            i++;
            Retention p = point("before malloc_trim #" + trim.ordinal(), 0, trim.before(),
                    Math.max(0, trim.before().rssBytes() - trim.after().rssBytes()), rr);
            if (p.retainedBytes() > best.retainedBytes()) best = p;
        }
        return best;
    }

    private static Retention point(String where, long event, Footprint f, long released, ReplayResult rr) {
        long live = Math.max(0, f.requestedLive());
        long rss = Math.max(0, f.rssBytes());
        long retained = Math.max(0, rss - live);
        double ratio = rss == 0 ? 0 : (double) retained / rss;
        boolean significant = retained >= RETAIN_FLOOR && ratio >= RETAIN_SHARE;
        int arenas = rr.end().arenas() == null ? 0 : rr.end().arenas().length;
        long binned = Math.max(0, f.binnedFree()) + Math.max(0, f.fastbinFree());
        return new Retention(where, event, rss, live, retained, ratio, binned, Math.max(0, f.topBytes()), released,
                arenas, rr.pinningEnd(), significant);
    }

    /**
     * The footprint rose to its peak before the last third of the trace and stayed within 10% of it while live
     * memory did not rise by more than 10% either.
     */
    static Plateau plateau(ReplayResult rr) {
        List<Sample> tl = rr.timeline();
        if (tl.size() < 12) return null;
        boolean timed = rr.firstTimeNs() != TraceEvent.NO_TIME;
        long peak = 0;
        for (Sample s : tl) peak = Math.max(peak, s.footprint().rssBytes());
        long start = tl.get(0).footprint().rssBytes();
        if (peak < 2 * Math.max(start, 1) || peak < 4L << 20) return null;
        int n = tl.size(), lastThird = n * 2 / 3;
        long liveMid = -1, liveEnd = -1;
        for (int i = lastThird; i < n; i++) {
            Footprint f = tl.get(i).footprint();
            if (f.rssBytes() < peak * 0.9) return null;
            if (liveMid < 0) liveMid = f.requestedLive();
            liveEnd = f.requestedLive();
        }
        if (liveMid > 0 && liveEnd > liveMid * 1.1) return null;
        int at = 0;
        while (at < n && tl.get(at).footprint().rssBytes() < peak * 0.9) at++;
        if (at >= lastThird) return null;
        Sample s = tl.get(at);
        double x = timed && s.timeNs() != TraceEvent.NO_TIME ? (s.timeNs() - rr.firstTimeNs()) / 1e9 : s.eventIndex();
        return new Plateau(x, timed, peak);
    }

    private static List<WhatIf> whatIf(AnalysisInput in) {
        if (in.replay() == null || in.whatIf() == null) return List.of();
        List<WhatIf> out = new ArrayList<>();
        ReplayResult base = in.replay();
        for (Map.Entry<String, ReplayResult> e : in.whatIf().entrySet()) {
            ReplayResult w = e.getValue();
            out.add(new WhatIf(e.getKey(), meanRss(w), meanRss(base), w.peak().footprint().rssBytes(),
                    base.peak().footprint().rssBytes(), w.end().footprint().rssBytes(), base.end().footprint().rssBytes()));
        }
        return out;
    }

    static long meanRss(ReplayResult r) {
        double sum = 0;
        int n = 0;
        for (Sample s : r.timeline()) {
            if (s.footprint().rssBytes() < 0) continue;
            sum += s.footprint().rssBytes();
            n++;
        }
        return n == 0 ? 0 : Math.round(sum / n);
    }

    static List<ChartPoint> chart(ReplayResult rr) {
        if (rr == null) return List.of();
        List<Sample> tl = rr.timeline();
        boolean timed = rr.firstTimeNs() != TraceEvent.NO_TIME;
        int step = Math.max(1, (tl.size() + CHART_POINTS - 1) / CHART_POINTS);
        List<ChartPoint> out = new ArrayList<>();
        for (int i = 0; i < tl.size(); i++) {
            Sample s = tl.get(i);
            if (i % step != 0 && i != tl.size() - 1 && s.mark() == Sample.Mark.REGULAR) continue;
            double x = timed && s.timeNs() != TraceEvent.NO_TIME ? (s.timeNs() - rr.firstTimeNs()) / 1e9
                    : timed ? Double.NaN : s.eventIndex();
            if (Double.isNaN(x)) continue;
            Footprint f = s.footprint();
            out.add(new ChartPoint(x, f.requestedLive(), f.arenaBytes() < 0 ? -1 : s.heapPlusMmap(), f.rssBytes()));
        }
        out.sort(Comparator.comparingDouble(ChartPoint::x));
        return out;
    }

    /** Stack display for evidence: the innermost program frames. */
    static String where(Stack s) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        boolean program = s.frames().stream().anyMatch(f -> !RuntimeFrames.isAllocator(f.function())
                && !RuntimeFrames.isLibraryInternal(f.function()));
        for (var f : s.frames()) {
            if (RuntimeFrames.isAllocator(f.function()) && shown == 0 && s.frames().size() > 1) continue;
            // std::vector<…>::_M_realloc_insert and friends: the program's own frame above them says more
            if (program && shown == 0 && RuntimeFrames.isLibraryInternal(f.function())) continue;
            if (sb.length() > 0) sb.append(" < ");
            sb.append(f.function());
            if (++shown == 3) break;
        }
        return sb.length() == 0 ? "(no stack)" : sb.toString();
    }
}
