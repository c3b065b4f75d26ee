package io.heapsift.gate;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Retention;
import io.heapsift.analysis.Suspect;
import io.heapsift.event.LeakKind;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;
import io.heapsift.replay.Pinning;
import io.heapsift.replay.ReplayResult;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges traces against the rules: suppressions first, then the baseline, then the limits. Reads the analysis of
 * each trace ({@link AnalysisResult}): leaks come from its outstanding table, growth rates from its suspects, retained
 * and peak bytes from its retention and replay, so the gate's figures are the ones {@code heapsift analyze} prints.
 * Keeps the suppressions' hit counts across the traces of a run.
 */
public final class Gate {

    private final Rules rules;
    private final Suppressions suppressions;
    private final Baseline baseline;

    public Gate(Rules rules, Suppressions suppressions, Baseline baseline) {
        this.rules = rules;
        this.suppressions = suppressions;
        this.baseline = baseline;
    }

    public Rules rules() {
        return rules;
    }

    public Suppressions suppressions() {
        return suppressions;
    }

    /** The verdict on one analysed trace. */
    public TraceVerdict evaluate(Path file, AnalysisResult analysis) {
        String name = file.getFileName().toString();
        TableResult table = analysis.table();
        // retained and peak bytes are judged on per-call traces only (what the replay was made for)
        ReplayResult replay = table.mode() == TableMode.EVENTS ? analysis.replay() : null;
        List<Leak> leaks = new ArrayList<>();
        List<TraceVerdict.SuppressedLeak> suppressed = new ArrayList<>();
        List<Leak> kept = new ArrayList<>();
        for (Leak l : Findings.rows(analysis)) {
            Suppression s = suppressions.match(l);
            if (s == null) kept.add(l);
            else suppressed.add(new TraceVerdict.SuppressedLeak(l, s));
        }
        leaks.addAll(Findings.merge(kept));
        Map<String, Baseline.Entry> known = baseline == null ? null : baseline.trace(name);
        List<Violation> out = new ArrayList<>();
        List<Leak> unchanged = new ArrayList<>(), added = new ArrayList<>();
        Map<String, Baseline.Entry> fixed = known == null ? new HashMap<>() : new LinkedHashMap<>(known);
        List<String> checked = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Metric m : rules.limits().keySet()) {
            String why = notApplicable(m, analysis, replay);
            if (why == null) checked.add(m.id());
            else skipped.put(m.id(), why);
        }
        for (Leak l : leaks) {
            Baseline.Entry base = known == null ? null : known.get(l.key() + "\u0000" + l.kindName());
            fixed.remove(l.key() + "\u0000" + l.kindName());
            if (base != null) {
                unchanged.add(l);
                increase(l, base, out);
            } else {
                if (known != null) added.add(l);
                if (!budgeted(l)) leakLimits(l, known != null, out);
            }
            growth(l, out);
        }
        budgets(leaks, out);
        if (!rules.budgets().isEmpty()) checked.add("budget");
        if (known != null && rules.failOnIncrease() != null) checked.add("fail-on-increase");
        if (replay != null) replayLimits(replay, analysis.retention(), out);
        TraceVerdict.Status st = out.isEmpty() ? TraceVerdict.Status.PASS : TraceVerdict.Status.FAIL;
        return new TraceVerdict(file, name, analysis.format(), table.mode(), st, null, List.copyOf(out), List.copyOf(leaks),
                List.copyOf(suppressed), List.copyOf(unchanged), List.copyOf(added), List.copyOf(fixed.values()),
                List.copyOf(checked), Map.copyOf(skipped));
    }

    private static String notApplicable(Metric m, AnalysisResult analysis, ReplayResult replay) {
        TableResult table = analysis.table();
        if (m.needsReplay() && replay == null) {
            return "needs a per-call trace to replay (bpftrace, ltrace, valgrind --trace-malloc, memleak -t); this is a "
                    + table.mode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (m == Metric.GROWTH_RATE && table.mode() == TableMode.LEAK_REPORT) return "a leak report has no times";
        if (m == Metric.GROWTH_RATE && !perSecond(analysis)) {
            return "the capture has no usable times: growth is fitted per event, not per second";
        }
        if (m == Metric.REACHABLE_BYTES || m == Metric.REACHABLE_BLOCKS || m == Metric.INDIRECT_BYTES
                || m == Metric.INDIRECT_BLOCKS || m == Metric.POSSIBLE_BYTES || m == Metric.POSSIBLE_BLOCKS) {
            if (table.mode() != TableMode.LEAK_REPORT && table.mode() != TableMode.EMPTY) {
                return "the input has no leak kinds (what is outstanding at the end counts as definitely lost)";
            }
        }
        return null;
    }

    private boolean budgeted(Leak l) {
        for (Budget b : rules.budgets()) {
            if (b.selects(l.stack())) return true;
        }
        return false;
    }

    private void leakLimits(Leak l, boolean isNew, List<Violation> out) {
        String suffix = isNew ? ", and it is new since the baseline" : "";
        Long maxBytes = rules.limit(Metric.of(l.effectiveKind(), true));
        if (maxBytes != null && l.bytes() > maxBytes) {
            out.add(v(Metric.of(l.effectiveKind(), true).id(), l, l.wording() + " at " + l.display() + " is " + l.bytes()
                    + ", but expected maximum is " + maxBytes + suffix));
        }
        Long maxBlocks = rules.limit(Metric.of(l.effectiveKind(), false));
        if (maxBlocks != null && l.blocks() > maxBlocks) {
            out.add(v(Metric.of(l.effectiveKind(), false).id(), l, l.wording().replace(" bytes", " blocks") + " at "
                    + l.display() + " is " + l.blocks() + ", but expected maximum is " + maxBlocks + suffix));
        }
    }

    private void increase(Leak l, Baseline.Entry base, List<Violation> out) {
        Double pct = rules.failOnIncrease();
        if (pct == null) return;
        long allowed = (long) Math.floor(base.bytes() * (1 + pct / 100.0));
        if (l.bytes() > allowed) {
            out.add(v("fail-on-increase", l, l.wording() + " at " + l.display() + " is " + l.bytes()
                    + ", but expected maximum is " + allowed + " (baseline " + base.bytes() + " + " + fmt(pct) + "%)"));
        }
    }

    private void growth(Leak l, List<Violation> out) {
        Long max = rules.limit(Metric.GROWTH_RATE);
        double g = l.growthBytesPerSecond();
        if (max == null || Double.isNaN(g) || g <= max) return;
        out.add(v(Metric.GROWTH_RATE.id(), l, "growth rate at " + l.display() + " is " + Math.round(g)
                + " bytes/s, but expected maximum is " + max + " bytes/s"));
    }

    private void budgets(List<Leak> leaks, List<Violation> out) {
        for (Budget b : rules.budgets()) {
            long bytes = 0, blocks = 0;
            Leak largest = null;
            for (Leak l : leaks) {
                if (l.effectiveKind() == LeakKind.REACHABLE || !b.selects(l.stack())) continue;
                bytes += l.bytes();
                blocks += l.blocks();
                if (largest == null || l.bytes() > largest.bytes()) largest = l;
            }
            if (largest == null) continue;
            String what = "leaked %s at stacks with a frame matching '" + b.frame() + "' is %d, but expected maximum is %d"
                    + " (largest: " + largest.display() + ", " + largest.bytes() + " bytes)";
            if (b.maxBytes() != null && bytes > b.maxBytes()) {
                out.add(v("budget", largest, String.format(Locale.ROOT, what, "bytes", bytes, b.maxBytes())));
            }
            if (b.maxBlocks() != null && blocks > b.maxBlocks()) {
                out.add(v("budget", largest, String.format(Locale.ROOT, what, "blocks", blocks, b.maxBlocks())));
            }
        }
    }

    /**
     * True if the analysis fitted growth over trace time (seconds), so that a rate in bytes per second exists: the
     * first fitted suspect tells; without any fit, whether the capture has times.
     */
    private static boolean perSecond(AnalysisResult analysis) {
        for (Suspect s : analysis.suspects()) {
            if (s.growth() != null) return s.growth().perSecond();
        }
        TableResult t = analysis.table();
        if (t.mode() == TableMode.SNAPSHOTS) {
            return !t.snapshots().isEmpty() && t.snapshots().get(0).timeNs() != TraceEvent.NO_TIME;
        }
        return t.lastTimeNs() != TraceEvent.NO_TIME;
    }

    /**
     * Retained bytes are the analysis' retention: the worst settled point (right before a malloc_trim the program
     * called, or the end), as {@code heapsift analyze} reports it; peak bytes are the replay's peak.
     */
    private void replayLimits(ReplayResult r, Retention retention, List<Violation> out) {
        Long maxRetained = rules.limit(Metric.RETAINED_BYTES);
        if (maxRetained != null && retention != null && retention.retainedBytes() > maxRetained) {
            boolean atEnd = retention.trimReleased() < 0;
            Stack pinner = atEnd ? topPinner(retention.pinning()) : null;
            String who = pinner == null ? "" : " (largest pinner: " + StackKeys.display(pinner) + ")";
            out.add(new Violation(Metric.RETAINED_BYTES.id(), "retained bytes (heap RSS estimate minus live bytes "
                    + retention.where() + ", glibc malloc model) is " + retention.retainedBytes()
                    + ", but expected maximum is " + maxRetained + who, atEnd ? r.end().line() : 0,
                    pinner == null ? Stack.EMPTY : pinner, pinner == null ? null : StackKeys.key(pinner)));
        }
        Long maxPeak = rules.limit(Metric.PEAK_BYTES);
        long peak = r.peak().footprint().rssBytes();
        if (maxPeak != null && peak > maxPeak) {
            out.add(new Violation(Metric.PEAK_BYTES.id(), "peak heap RSS estimate (glibc malloc model) is " + peak
                    + ", but expected maximum is " + maxPeak, r.peak().line(), Stack.EMPTY, null));
        }
    }

    private static Stack topPinner(Pinning p) {
        if (p == null) return null;
        for (Pinning.Row row : p.stacks()) {
            if (row.kind() == Pinning.Kind.LIVE && !row.stack().isEmpty()) return row.stack();
        }
        return null;
    }

    private static Violation v(String rule, Leak l, String msg) {
        return new Violation(rule, msg, l.line(), l.stack(), l.key());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
