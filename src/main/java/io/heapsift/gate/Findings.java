package io.heapsift.gate;

import io.heapsift.event.LeakKind;
import io.heapsift.event.TraceEvent;
import io.heapsift.table.SnapshotInfo;
import io.heapsift.table.StackRow;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;

import java.util.ArrayList;
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
 * Growth per stack (until the analysis stage provides a fitted rate): snapshots give the least-squares slope
 * of the stack's bytes over the snapshot times; event traces give the bytes outstanding at the end divided by
 * the time from the stack's first allocation to the end of the trace.
 */
public final class Findings {

    private Findings() {
    }

    /** The leaks of one trace, one per stable key and kind, largest first. */
    public static List<Leak> of(TableResult table) {
        return merge(rows(table));
    }

    /** One leak per row of the table (and per kind only summarized), before merging by key. */
    public static List<Leak> rows(TableResult table) {
        List<Leak> out = new ArrayList<>();
        for (StackRow row : table.stacks()) {
            if (row.liveBytes() <= 0 && row.liveBlocks() <= 0) continue;
            LeakKind kind = table.mode() == TableMode.LEAK_REPORT ? row.kind() : null;
            if (kind == LeakKind.SUPPRESSED) continue;
            String key = StackKeys.key(row.stack());
            out.add(new Leak(key, kind, row.liveBytes(), row.liveBlocks(), row.firstLine(), row.stack(),
                    growth(table, row)));
        }
        if (table.mode() == TableMode.LEAK_REPORT) {
            // --leak-check=summary, or kinds valgrind only summarized (--show-leak-kinds): totals without stacks
            for (LeakKind k : table.kindsFromSummary()) {
                var t = table.kinds().get(k);
                if (t == null || (t.bytes() <= 0 && t.blocks() <= 0)) continue;
                out.add(new Leak(StackKeys.NO_STACK, k, t.bytes(), t.blocks(), 0, io.heapsift.event.Stack.EMPTY,
                        Double.NaN));
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

    static double growth(TableResult table, StackRow row) {
        return switch (table.mode()) {
            case SNAPSHOTS -> slope(table.snapshots(), row.seriesBytes());
            case EVENTS -> {
                if (row.firstSeenNs() == TraceEvent.NO_TIME || table.lastTimeNs() == TraceEvent.NO_TIME) yield Double.NaN;
                long span = table.lastTimeNs() - row.firstSeenNs();
                yield span <= 0 ? Double.NaN : row.liveBytes() / (span / 1e9);
            }
            default -> Double.NaN;
        };
    }

    /** Least-squares slope in bytes per second over the snapshots where the stack was listed. */
    static double slope(List<SnapshotInfo> snaps, long[] series) {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        long t0 = TraceEvent.NO_TIME;
        for (int i = 0; i < series.length && i < snaps.size(); i++) {
            long t = snaps.get(i).timeNs();
            if (series[i] < 0 || t == TraceEvent.NO_TIME) continue;
            if (t0 == TraceEvent.NO_TIME) t0 = t;
            double x = (t - t0) / 1e9, y = series[i];
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        if (n < 2) return Double.NaN;
        double den = n * sxx - sx * sx;
        return den == 0 ? Double.NaN : (n * sxy - sx * sy) / den;
    }
}
