package io.heapsift.report;

import io.heapsift.event.Frame;
import io.heapsift.table.StackRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes tables as CSV (RFC 4180, one header row): one row per stack and trace. The {@code stack}
 * column holds the frames innermost first, separated by {@code ;} (the folded-stack order reversed).
 */
public final class TableCsvWriter {

    static final String[] HEADER = {"source", "format", "rank", "kind", "live_bytes", "live_blocks", "indirect_bytes",
        "allocs", "alloc_bytes", "frees", "peak_bytes", "first_line", "last_line", "first_seen_ns", "last_seen_ns",
        "top_frame", "stack"};

    private final TableOptions options;

    public TableCsvWriter(TableOptions options) {
        this.options = options;
    }

    public void write(List<TableReport> reports, Appendable out) throws IOException {
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (TableReport r : reports) {
                int rank = 0;
                for (StackRow row : Rows.select(r.table().stacks(), options)) {
                    p.printRecord(r.parse().source(), r.parse().formatId(), ++rank,
                            row.kind() == null ? "" : row.kind().jsonName(), row.liveBytes(), row.liveBlocks(),
                            row.indirectBytes(), row.allocs(), row.allocBytes(), row.frees(), row.peakBytes(),
                            row.firstLine(), row.lastLine(), time(row.firstSeenNs()), time(row.lastSeenNs()),
                            row.stack().isEmpty() ? "" : row.stack().top().display(),
                            row.stack().frames().stream().map(Frame::display).collect(Collectors.joining(";")));
                }
            }
            p.flush();
        }
    }

    private static String time(long t) {
        return t == io.heapsift.event.TraceEvent.NO_TIME ? "" : Long.toString(t);
    }
}
