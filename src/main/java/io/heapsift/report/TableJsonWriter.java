package io.heapsift.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostic;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.table.EventCounts;
import io.heapsift.table.KindTotal;
import io.heapsift.table.SnapshotInfo;
import io.heapsift.table.StackRow;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes tables as JSON, streaming. The schema is documented in {@code docs/json/table.md} and
 * {@code docs/json/table.schema.json}: one object per trace; several traces give an array.
 */
public final class TableJsonWriter {

    /** Messages included in the output (the counts are always complete). */
    static final int MAX_DIAGNOSTICS = 50;

    private final TableOptions options;

    public TableJsonWriter(TableOptions options) {
        this.options = options;
    }

    public void write(List<TableReport> reports, java.io.Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (reports.size() == 1) {
            writeOne(g, reports.get(0));
        } else {
            g.writeStartArray();
            for (TableReport r : reports) writeOne(g, r);
            g.writeEndArray();
        }
        g.writeRaw('\n');
        g.flush();
    }

    private void writeOne(JsonGenerator g, TableReport r) throws IOException {
        ParseSummary p = r.parse();
        TableResult t = r.table();
        g.writeStartObject();
        g.writeStringField("source", p.source());
        g.writeStringField("format", p.formatId());
        if (p.variant() != null) g.writeStringField("variant", p.variant());
        writeStringMap(g, "facts", p.facts());
        g.writeNumberField("lines", p.lines());
        g.writeNumberField("recognized", p.recognized());
        g.writeNumberField("events", p.events());
        g.writeNumberField("skipped", p.skipped());
        writeLongMap(g, "skippedByReason", p.skippedByReason());
        writeLongMap(g, "notes", p.notes());
        g.writeNumberField("warnings", p.warnings());
        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic d : p.messages().subList(0, Math.min(MAX_DIAGNOSTICS, p.messages().size()))) {
            g.writeString(d.toString());
        }
        g.writeEndArray();
        g.writeStringField("mode", t.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        writeTotals(g, t);
        if (!t.kinds().isEmpty()) writeKinds(g, t);
        if (t.toolHeapSummary() != null || !t.toolLeakSummary().isEmpty()) writeToolSummary(g, t);
        if (t.mode() == TableMode.EVENTS) writeCounts(g, t.counts());
        if (t.mode() == TableMode.SNAPSHOTS) writeSnapshots(g, t.snapshots());
        writeStacks(g, t);
        g.writeEndObject();
    }

    private static void writeTotals(JsonGenerator g, TableResult t) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("liveBytes", t.liveBytes());
        g.writeNumberField("liveBlocks", t.liveBlocks());
        g.writeNumberField("peakBytes", t.peakBytes());
        g.writeNumberField("peakBlocks", t.peakBlocks());
        if (t.peakTimeNs() != TraceEvent.NO_TIME) g.writeNumberField("peakTimeNs", t.peakTimeNs());
        if (t.peakLine() > 0) g.writeNumberField("peakLine", t.peakLine());
        g.writeNumberField("stacks", t.distinctStacks());
        if (t.firstTimeNs() != TraceEvent.NO_TIME) {
            g.writeNumberField("firstTimeNs", t.firstTimeNs());
            g.writeNumberField("lastTimeNs", t.lastTimeNs());
        }
        g.writeEndObject();
    }

    private static void writeKinds(JsonGenerator g, TableResult t) throws IOException {
        g.writeObjectFieldStart("kinds");
        for (Map.Entry<LeakKind, KindTotal> e : t.kinds().entrySet()) {
            writeKindTotal(g, e.getKey().jsonName(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("kindsFromSummary");
        for (LeakKind k : t.kindsFromSummary()) g.writeString(k.jsonName());
        g.writeEndArray();
    }

    private static void writeKindTotal(JsonGenerator g, String name, KindTotal k) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("bytes", k.bytes());
        g.writeNumberField("blocks", k.blocks());
        g.writeEndObject();
    }

    private static void writeToolSummary(JsonGenerator g, TableResult t) throws IOException {
        g.writeObjectFieldStart("toolSummary");
        if (!t.toolLeakSummary().isEmpty()) {
            g.writeObjectFieldStart("leak");
            for (Map.Entry<LeakKind, KindTotal> e : t.toolLeakSummary().entrySet()) {
                writeKindTotal(g, e.getKey().jsonName(), e.getValue());
            }
            g.writeEndObject();
        }
        if (t.toolHeapSummary() != null) {
            var h = t.toolHeapSummary();
            g.writeObjectFieldStart("heap");
            g.writeNumberField("inUseBytes", h.inUseBytes());
            g.writeNumberField("inUseBlocks", h.inUseBlocks());
            g.writeNumberField("allocs", h.allocs());
            g.writeNumberField("frees", h.frees());
            g.writeNumberField("bytesAllocated", h.bytesAllocated());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeCounts(JsonGenerator g, EventCounts c) throws IOException {
        g.writeObjectFieldStart("counts");
        g.writeNumberField("allocs", c.allocs());
        g.writeNumberField("allocBytes", c.allocBytes());
        g.writeNumberField("frees", c.frees());
        g.writeNumberField("reallocs", c.reallocs());
        g.writeNumberField("failedAllocs", c.failedAllocs());
        g.writeNumberField("nullFrees", c.nullFrees());
        g.writeNumberField("unknownFrees", c.unknownFrees());
        g.writeNumberField("unknownReallocs", c.unknownReallocs());
        g.writeNumberField("doubleFrees", c.doubleFrees());
        g.writeNumberField("untrackedAllocs", c.untrackedAllocs());
        g.writeNumberField("untrackedBytes", c.untrackedBytes());
        g.writeNumberField("replacedLive", c.replacedLive());
        g.writeNumberField("threadExits", c.threadExits());
        g.writeNumberField("processExits", c.processExits());
        g.writeNumberField("toolErrors", c.toolErrors());
        g.writeNumberField("allocatorCalls", c.allocatorCalls());
        writeLongs(g, "doubleFreeLines", c.doubleFreeLines());
        writeLongs(g, "unknownFreeLines", c.unknownFreeLines());
        g.writeEndObject();
    }

    private static void writeSnapshots(JsonGenerator g, List<SnapshotInfo> snaps) throws IOException {
        g.writeArrayFieldStart("snapshots");
        for (SnapshotInfo s : snaps) {
            g.writeStartObject();
            g.writeNumberField("index", s.index());
            g.writeNumberField("line", s.line());
            if (s.timeNs() != TraceEvent.NO_TIME) g.writeNumberField("timeNs", s.timeNs());
            g.writeBooleanField("combined", s.combined());
            g.writeNumberField("top", s.requestedTop());
            g.writeNumberField("groups", s.groups());
            g.writeNumberField("bytes", s.bytes());
            g.writeNumberField("blocks", s.blocks());
            g.writeNumberField("addressLines", s.addressLines());
            g.writeNumberField("addressBytes", s.addressBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeStacks(JsonGenerator g, TableResult t) throws IOException {
        List<StackRow> rows = Rows.select(t.stacks(), options);
        g.writeNumberField("stacksShown", rows.size());
        g.writeNumberField("stacksTotal", Rows.eligible(t.stacks(), options));
        g.writeArrayFieldStart("stacks");
        for (StackRow r : rows) writeRow(g, r, t.mode());
        g.writeEndArray();
    }

    private static void writeRow(JsonGenerator g, StackRow r, TableMode mode) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("frames");
        for (Frame f : r.stack().frames()) g.writeString(f.function());
        g.writeEndArray();
        g.writeNumberField("liveBytes", r.liveBytes());
        g.writeNumberField("liveBlocks", r.liveBlocks());
        if (r.kind() != null) g.writeStringField("kind", r.kind().jsonName());
        else g.writeNullField("kind");
        if (mode == TableMode.LEAK_REPORT) g.writeNumberField("indirectBytes", r.indirectBytes());
        if (mode == TableMode.EVENTS) {
            g.writeNumberField("allocs", r.allocs());
            g.writeNumberField("allocBytes", r.allocBytes());
            g.writeNumberField("frees", r.frees());
            g.writeNumberField("peakBytes", r.peakBytes());
            g.writeNumberField("peakBlocks", r.peakBlocks());
            if (r.firstSeenNs() != TraceEvent.NO_TIME) g.writeNumberField("firstSeenNs", r.firstSeenNs());
            if (r.lastSeenNs() != TraceEvent.NO_TIME) g.writeNumberField("lastSeenNs", r.lastSeenNs());
        }
        if (mode == TableMode.SNAPSHOTS) {
            g.writeNumberField("peakBytes", r.peakBytes());
            g.writeNumberField("peakBlocks", r.peakBlocks());
            writeSeries(g, "seriesBytes", r.seriesBytes());
            writeSeries(g, "seriesBlocks", r.seriesBlocks());
        }
        g.writeNumberField("firstLine", r.firstLine());
        g.writeNumberField("lastLine", r.lastLine());
        g.writeArrayFieldStart("frameDetails");
        for (Frame f : r.stack().frames()) writeFrame(g, f);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSeries(JsonGenerator g, String name, long[] v) throws IOException {
        g.writeArrayFieldStart(name);
        for (long x : v) {
            if (x < 0) g.writeNull();
            else g.writeNumber(x);
        }
        g.writeEndArray();
    }

    private static void writeFrame(JsonGenerator g, Frame f) throws IOException {
        g.writeStartObject();
        g.writeStringField("function", f.function());
        if (f.offset() >= 0) g.writeNumberField("offset", f.offset());
        if (f.module() != null) g.writeStringField("module", f.module());
        if (f.file() != null) g.writeStringField("file", f.file());
        if (f.fileLine() > 0) g.writeNumberField("line", f.fileLine());
        if (f.ip() != 0) g.writeStringField("ip", "0x" + Long.toHexString(f.ip()));
        g.writeEndObject();
    }

    private static void writeStringMap(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private static void writeLongMap(JsonGenerator g, String name, Map<String, Long> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : m.entrySet()) g.writeNumberField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private static void writeLongs(JsonGenerator g, String name, List<Long> v) throws IOException {
        g.writeArrayFieldStart(name);
        for (long x : v) g.writeNumber(x);
        g.writeEndArray();
    }
}
