package io.heapsift.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The batch report's summary files: index.html (ranked, linking each trace's page), summary.csv, summary.json. */
public final class BatchWriter {

    static final String[] CSV_HEADER = {"path", "verdict", "severity", "format", "leaked_bytes", "leaked_blocks",
        "growth_bytes_per_second", "retained_bytes", "live_bytes", "page", "evidence"};

    /** Entries must already be ranked ({@link BatchEntry#RANKING}). */
    public void index(List<BatchEntry> entries, Writer out) throws IOException {
        StringWriter sw = new StringWriter();
        JsonGenerator g = new JsonFactory().createGenerator(sw);
        g.writeStartObject();
        g.writeStringField("kind", "index");
        g.writeArrayFieldStart("traces");
        for (BatchEntry e : entries) {
            g.writeStartObject();
            g.writeStringField("source", e.path());
            if (e.page() != null) g.writeStringField("page", e.page());
            g.writeStringField("verdict", e.verdict());
            g.writeNumberField("leakedBytes", e.leakedBytes());
            g.writeNumberField("growth", e.growthBytesPerSecond());
            g.writeNumberField("retainedBytes", e.retainedBytes());
            g.writeStringField("evidence", e.result() == null ? e.error() : e.result().evidence());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        HtmlPage.write("heapsift report: " + entries.size() + " traces", sw.toString(), out);
    }

    public void csv(List<BatchEntry> entries, Writer out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).build());
        for (BatchEntry e : entries) {
            var r = e.result();
            p.printRecord(e.path(), e.verdict(), r == null ? "" : r.severity(), r == null ? "" : r.format(),
                    e.leakedBytes(), r == null ? 0 : r.leakedBlocks(), e.growthBytesPerSecond(), e.retainedBytes(),
                    r == null ? 0 : r.table().liveBytes(), e.page() == null ? "" : e.page(),
                    r == null ? e.error() : r.evidence());
        }
        p.flush();
    }

    public void json(List<BatchEntry> entries, Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        Map<String, Integer> counts = new TreeMap<>();
        for (BatchEntry e : entries) counts.merge(e.verdict(), 1, Integer::sum);
        g.writeObjectFieldStart("counts");
        for (var c : counts.entrySet()) g.writeNumberField(c.getKey(), c.getValue());
        g.writeEndObject();
        g.writeArrayFieldStart("traces");
        AnalysisJsonWriter single = new AnalysisJsonWriter(5);
        for (BatchEntry e : entries) {
            if (e.result() == null) {
                g.writeStartObject();
                g.writeStringField("source", e.path());
                g.writeStringField("verdict", "ERROR");
                g.writeStringField("error", e.error());
                g.writeEndObject();
            } else {
                single.writeObject(g, e.result(), false);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }
}
