package io.heapsift.gate;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Suspect;
import io.heapsift.event.LeakKind;
import io.heapsift.event.Stack;
import io.heapsift.table.StackRow;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished table into the leaks the gate judges, one per stable stack key and kind.
 *
 * <ul>
 *   <li>valgrind leak reports: every loss record, with its kind;</li>
 *   <li>event traces (ltrace, bpftrace, --trace-malloc, memleak -t): what is still allocated at the end;</li>
 *   <li>memleak snapshots: what the last snapshot lists.</li>
 * </ul>
 * The growth of a stack is the analysis' figure ({@link Suspect#growthBytesPerSecond()}): the fitted slope in
 * bytes per second of a stack the analysis labels growing, else none. The gate computes no trend of its own, so
 * {@code heapsift gate} and {@code heapsift analyze} always name the same growing stacks with the same rates.
 */
public final class Findings {

    private Findings() {
    }

    /** The leaks of one trace, one per stable key and kind, largest first (no growth figures). */
    public static List<Leak> of(TableResult table) {
        return merge(rows(table));
    }

    /** One leak per row of the table (and per kind only summarized), before merging by key; no growth figures. */
    public static List<Leak> rows(TableResult table) {
        return rows(table, Map.of());
    }

    /** One leak per row of the analysed table, each with the analysis' growth rate of its stack (NaN if none). */
    public static List<Leak> rows(AnalysisResult analysis) {
        Map<Stack, Double> growth = new IdentityHashMap<>();
        for (Suspect s : analysis.suspects()) {
            double g = s.growthBytesPerSecond();
            if (!Double.isNaN(g)) growth.merge(s.stack(), g, Double::sum);
        }
        return rows(analysis.table(), growth);
    }

    private static List<Leak> rows(TableResult table, Map<Stack, Double> growth) {
        List<Leak> out = new ArrayList<>();
        for (StackRow row : table.stacks()) {
            if (row.liveBytes() <= 0 && row.liveBlocks() <= 0) continue;
            LeakKind kind = table.mode() == TableMode.LEAK_REPORT ? row.kind() : null;
            if (kind == LeakKind.SUPPRESSED) continue;
            String key = StackKeys.key(row.stack());
            out.add(new Leak(key, kind, row.liveBytes(), row.liveBlocks(), row.firstLine(), row.stack(),
                    growth.getOrDefault(row.stack(), Double.NaN)));
        }
        if (table.mode() == TableMode.LEAK_REPORT) {
            // --leak-check=summary, or kinds valgrind only summarized (--show-leak-kinds): totals without stacks
            for (LeakKind k : table.kindsFromSummary()) {
                var t = table.kinds().get(k);
                if (t == null || (t.bytes() <= 0 && t.blocks() <= 0)) continue;
                out.add(new Leak(StackKeys.NO_STACK, k, t.bytes(), t.blocks(), 0, Stack.EMPTY, Double.NaN));
            }
        }
        return out;
    }

    /** Sums leaks with the same stable key and kind (rows that differ only in offsets or lines), largest first. */
    public static List<Leak> merge(List<Leak> leaks) {
        Map<String, Leak> byKey = new LinkedHashMap<>();
        for (Leak l : leaks) byKey.merge(l.key() + "\u0000" + l.kindName(), l, Findings::sum);
        List<Leak> out = new ArrayList<>(byKey.values());
        out.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return out;
    }

    private static Leak sum(Leak a, Leak b) {
        double g = Double.isNaN(a.growthBytesPerSecond()) ? b.growthBytesPerSecond()
                : Double.isNaN(b.growthBytesPerSecond()) ? a.growthBytesPerSecond()
                : a.growthBytesPerSecond() + b.growthBytesPerSecond();
        return new Leak(a.key(), a.kind(), a.bytes() + b.bytes(), a.blocks() + b.blocks(),
                a.line() == 0 ? b.line() : b.line() == 0 ? a.line() : Math.min(a.line(), b.line()), a.stack(), g);
    }
}
