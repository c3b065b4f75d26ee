package io.heapsift.report;

import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.table.EventCounts;
import io.heapsift.table.KindTotal;
import io.heapsift.table.StackRow;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Writes tables for a person at a terminal. */
public final class TableTextWriter {

    /** Frames shown per stack. */
    static final int MAX_FRAMES = 12;

    private final TableOptions options;

    public TableTextWriter(TableOptions options) {
        this.options = options;
    }

    public void write(List<TableReport> reports, PrintWriter out) {
        boolean first = true;
        for (TableReport r : reports) {
            if (!first) out.println();
            first = false;
            writeOne(r, out);
        }
        out.flush();
    }

    private void writeOne(TableReport r, PrintWriter out) {
        ParseSummary p = r.parse();
        TableResult t = r.table();
        out.printf("%s: %s%s%n", p.source(), p.formatId(), p.variant() == null ? "" : " (" + p.variant() + ")");
        out.printf("  lines %s, events %s, skipped %s%s%n", Bytes.grouped(p.lines()), Bytes.grouped(p.events()),
                Bytes.grouped(p.skipped()), reasons(p.skippedByReason()));
        if (!p.notes().isEmpty()) out.printf("  notes: %s%n", joined(p.notes()));
        switch (t.mode()) {
            case EVENTS -> {
                events(t, out);
                if (!t.kinds().isEmpty()) {
                    out.println("  the tool's own leak summary:");
                    kinds(t, out);
                }
            }
            case SNAPSHOTS -> out.printf("  %d snapshots; the last lists %s in %s blocks (peak snapshot %s)%n",
                    t.snapshots().size(), Bytes.human(t.liveBytes()), Bytes.grouped(t.liveBlocks()), Bytes.human(t.peakBytes()));
            case LEAK_REPORT -> kinds(t, out);
            case EMPTY -> out.println("  no allocation data in this capture");
        }
        List<StackRow> rows = Rows.select(t.stacks(), options);
        long eligible = Rows.eligible(t.stacks(), options);
        if (rows.isEmpty()) return;
        out.printf("%n  %s %s%s:%n", Bytes.grouped(eligible), eligible == 1 ? "stack" : "stacks", rows.size() < eligible ? " (top " + rows.size() + ")" : "");
        int rank = 0;
        for (StackRow row : rows) {
            rank++;
            out.printf("  #%d %s in %s blocks%s%s%n", rank, Bytes.human(row.liveBytes()), Bytes.grouped(row.liveBlocks()),
                    row.kind() == null ? "" : " " + row.kind().valgrindText(),
                    row.indirectBytes() > 0 ? " (+" + Bytes.human(row.indirectBytes()) + " indirect)"
                            : t.mode() == TableMode.EVENTS ? String.format(" (%s allocs, %s frees)",
                            Bytes.grouped(row.allocs()), Bytes.grouped(row.frees())) : "");
            List<Frame> frames = row.stack().frames();
            for (int i = 0; i < Math.min(MAX_FRAMES, frames.size()); i++) out.printf("      %s%n", frames.get(i).display());
            if (frames.size() > MAX_FRAMES) out.printf("      ... %d more frames%n", frames.size() - MAX_FRAMES);
            if (frames.isEmpty()) out.println("      (no stack in this capture)");
        }
    }

    private static void events(TableResult t, PrintWriter out) {
        EventCounts c = t.counts();
        out.printf("  outstanding %s in %s blocks (peak %s in %s blocks)%n", Bytes.human(t.liveBytes()),
                Bytes.grouped(t.liveBlocks()), Bytes.human(t.peakBytes()), Bytes.grouped(t.peakBlocks()));
        out.printf("  %s allocations, %s frees, %s reallocs", Bytes.grouped(c.allocs()), Bytes.grouped(c.frees()),
                Bytes.grouped(c.reallocs()));
        if (c.failedAllocs() > 0) out.printf(", %s failed", Bytes.grouped(c.failedAllocs()));
        out.println();
        if (c.unknownFrees() + c.unknownReallocs() + c.doubleFrees() + c.untrackedAllocs() + c.replacedLive() > 0) {
            out.printf("  unmatched: %s frees of unknown blocks, %s reallocs of unknown blocks, %s frees of freed blocks,"
                    + " %s allocations without an address, %s lost frees%n", Bytes.grouped(c.unknownFrees()),
                    Bytes.grouped(c.unknownReallocs()), Bytes.grouped(c.doubleFrees()), Bytes.grouped(c.untrackedAllocs()),
                    Bytes.grouped(c.replacedLive()));
        }
    }

    private static void kinds(TableResult t, PrintWriter out) {
        for (Map.Entry<LeakKind, KindTotal> e : t.kinds().entrySet()) {
            out.printf("  %16s: %s bytes in %s blocks%s%n", e.getKey().valgrindText(), Bytes.grouped(e.getValue().bytes()),
                    Bytes.grouped(e.getValue().blocks()), t.mode() == TableMode.LEAK_REPORT && t.kindsFromSummary().contains(e.getKey())
                    ? " (from the tool's summary; records not shown)" : "");
        }
        KindTotal supp = t.toolLeakSummary().get(LeakKind.SUPPRESSED);
        if (supp != null && supp.bytes() > 0) {
            out.printf("  %16s: %s bytes in %s blocks%n", "suppressed", Bytes.grouped(supp.bytes()), Bytes.grouped(supp.blocks()));
        }
    }

    private static String reasons(Map<String, Long> m) {
        return m.isEmpty() ? "" : " (" + joined(m) + ")";
    }

    private static String joined(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : m.entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(": ").append(Bytes.grouped(e.getValue()));
        }
        return sb.toString();
    }
}
