package io.heapsift.report;

import io.heapsift.table.StackRow;

import java.util.Comparator;
import java.util.List;

/** Row selection shared by the table writers: filter, sort and cut to top N. */
final class Rows {
    private Rows() {
    }

    static List<StackRow> select(List<StackRow> rows, TableOptions o) {
        Comparator<StackRow> c = o.sort() == TableOptions.Sort.BLOCKS
                ? Comparator.comparingLong(StackRow::liveBlocks).reversed().thenComparing(Comparator.comparingLong(StackRow::liveBytes).reversed())
                : Comparator.comparingLong(StackRow::liveBytes).reversed().thenComparing(Comparator.comparingLong(StackRow::liveBlocks).reversed());
        c = c.thenComparingLong(StackRow::firstLine);
        var s = rows.stream().filter(r -> o.all() || r.liveBlocks() > 0 || r.liveBytes() > 0).sorted(c);
        if (o.top() > 0) s = s.limit(o.top());
        return s.toList();
    }

    /** Rows that pass the filter, before the top-N cut. */
    static long eligible(List<StackRow> rows, TableOptions o) {
        return rows.stream().filter(r -> o.all() || r.liveBlocks() > 0 || r.liveBytes() > 0).count();
    }
}
