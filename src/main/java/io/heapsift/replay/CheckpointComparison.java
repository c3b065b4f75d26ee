package io.heapsift.replay;

import io.heapsift.model.MallInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The model's mallinfo2 and RSS estimate at each checkpoint against glibc's own numbers (the N-th traced
 * mallinfo2() call against row N of the ground-truth TSV).
 *
 * <p>RSS: the TSV has the whole process's VmRSS (program text, libc, stacks...), the model only the heap. The
 * non-heap part is taken as a constant: the median over the checkpoints of (measured − modelled). It is added to
 * the model's estimate at every checkpoint, and the errors are relative to the measured VmRSS. (The first
 * checkpoint alone would be a fragile baseline: the model assumes the program writes a block when it allocates
 * it, and a block written only later makes that one checkpoint too high.) VmData is handled the same way.
 *
 * @param compared        checkpoints compared (min of the two counts)
 * @param traceCheckpoints mallinfo2() calls in the trace
 * @param tsvRows         rows in the ground-truth file
 * @param fields          per mallinfo2 field
 * @param rss             the RSS estimate
 * @param vmData          the VmData estimate
 * @param rows            every compared checkpoint
 */
public record CheckpointComparison(int compared, int traceCheckpoints, int tsvRows, List<Field> fields, Error rss,
                                   Error vmData, List<Row> rows) {

    /** The fields compared, in glibc's order (usmblks is always 0 and left out). */
    public static final List<String> FIELD_NAMES =
            List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "uordblks", "fordblks", "fsmblks", "keepcost");

    /**
     * One field over all checkpoints.
     *
     * @param exact          checkpoints where the model's value equals glibc's
     * @param maxRelError    max |model − glibc| / max(glibc, 1)
     * @param maxAbsError    max |model − glibc|
     * @param firstMismatch  ordinal of the first checkpoint that differs, 0 if none
     */
    public record Field(String name, int exact, int compared, double maxRelError, long maxAbsError, int firstMismatch) {
        public double exactShare() {
            return compared == 0 ? 1.0 : (double) exact / compared;
        }
    }

    /**
     * An estimate against a measurement, after the non-heap baseline.
     *
     * @param baselineBytes median over checkpoints of measured − modelled (what the model does not cover)
     * @param compared      checkpoints compared
     * @param maxRelError   max |model + baseline − measured| / measured
     * @param meanRelError  mean of the same
     * @param maxAbsErrorBytes max |model + baseline − measured|
     */
    public record Error(long baselineBytes, int compared, double maxRelError, double meanRelError, long maxAbsErrorBytes) {
    }

    /** One checkpoint: the model's numbers and glibc's. */
    public record Row(int ordinal, String label, long eventIndex, long line, MallInfo model, MallInfo glibc,
                      long modelRssBytes, long glibcRssBytes, long modelVmDataBytes, long glibcVmDataBytes) {
    }

    /**
     * Ground truth from the trace itself: glibc's mallinfo2 as the capture recorded it at each call (no VmRSS or
     * VmData: those rows say -1 and the RSS comparison is empty); null unless every checkpoint carries it.
     */
    public static List<MallinfoRow> tracedTruth(List<Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) return null;
        List<MallinfoRow> rows = new ArrayList<>(checkpoints.size());
        for (Checkpoint c : checkpoints) {
            if (c.traced() == null) return null;
            rows.add(new MallinfoRow(c.ordinal(), "mallinfo2 #" + c.ordinal(), c.traced(), -1, -1));
        }
        return rows;
    }

    public static CheckpointComparison compare(List<Checkpoint> checkpoints, List<MallinfoRow> truth) {
        int n = Math.min(checkpoints.size(), truth.size());
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Checkpoint c = checkpoints.get(i);
            MallinfoRow t = truth.get(i);
            rows.add(new Row(c.ordinal(), t.label(), c.sample().eventIndex(), c.sample().line(), c.mallinfo(),
                    t.mallinfo(), c.sample().footprint().rssBytes(), t.rssBytes(),
                    c.sample().footprint().vmDataBytes(), t.vmDataBytes()));
        }
        List<Field> fields = new ArrayList<>();
        List<ToLongFunction<MallInfo>> getters = List.of(MallInfo::arena, MallInfo::ordblks, MallInfo::smblks,
                MallInfo::hblks, MallInfo::hblkhd, MallInfo::uordblks, MallInfo::fordblks, MallInfo::fsmblks,
                MallInfo::keepcost);
        for (int f = 0; f < FIELD_NAMES.size(); f++) fields.add(field(FIELD_NAMES.get(f), getters.get(f), rows));
        Error rss = error(rows, Row::modelRssBytes, Row::glibcRssBytes);
        Error vm = error(rows, Row::modelVmDataBytes, Row::glibcVmDataBytes);
        return new CheckpointComparison(n, checkpoints.size(), truth.size(), List.copyOf(fields), rss, vm,
                List.copyOf(rows));
    }

    private static Field field(String name, ToLongFunction<MallInfo> get, List<Row> rows) {
        int exact = 0, first = 0;
        double maxRel = 0;
        long maxAbs = 0;
        for (Row r : rows) {
            long m = get.applyAsLong(r.model()), g = get.applyAsLong(r.glibc());
            long d = Math.abs(m - g);
            if (d == 0) exact++;
            else if (first == 0) first = r.ordinal();
            maxAbs = Math.max(maxAbs, d);
            maxRel = Math.max(maxRel, (double) d / Math.max(Math.abs(g), 1));
        }
        return new Field(name, exact, rows.size(), maxRel, maxAbs, first);
    }

    private static Error error(List<Row> rows, ToLongFunction<Row> model, ToLongFunction<Row> measured) {
        rows = rows.stream().filter(r -> measured.applyAsLong(r) >= 0).toList(); // -1: not measured
        if (rows.isEmpty()) return new Error(0, 0, 0, 0, 0);
        long[] diff = new long[rows.size()];
        for (int i = 0; i < diff.length; i++) diff[i] = measured.applyAsLong(rows.get(i)) - model.applyAsLong(rows.get(i));
        java.util.Arrays.sort(diff);
        long base = diff.length % 2 == 1 ? diff[diff.length / 2] : (diff[diff.length / 2 - 1] + diff[diff.length / 2]) / 2;
        double max = 0, sum = 0;
        long maxAbs = 0;
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            long g = measured.applyAsLong(rows.get(i));
            long d = Math.abs(model.applyAsLong(rows.get(i)) + base - g);
            double rel = (double) d / Math.max(g, 1);
            max = Math.max(max, rel);
            sum += rel;
            maxAbs = Math.max(maxAbs, d);
            n++;
        }
        return new Error(base, n, max, n == 0 ? 0 : sum / n, maxAbs);
    }
}
