package io.heapsift.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.ChartPoint;
import io.heapsift.analysis.Suspect;
import io.heapsift.event.Frame;
import io.heapsift.event.Stack;
import io.heapsift.replay.Pinning;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

/**
 * One self-contained HTML page for one analysis: verdict, evidence, advice, a timeline chart, flame graphs of
 * outstanding bytes and of retained bytes by pinning stack, sortable tables. Capped so that a huge trace still gives
 * a small page: the largest {@value #MAX_STACKS} stacks, {@value #MAX_FRAMES} frames each, ≤ {@value #MAX_POINTS}
 * points per series.
 */
public final class HtmlReportWriter {

    static final int MAX_STACKS = 200;
    static final int MAX_FRAMES = 64;
    static final int MAX_POINTS = 400;

    public void write(AnalysisResult r, Writer out) throws IOException {
        HtmlPage.write("heapsift: " + r.verdict() + " — " + r.source(), data(r), out);
    }

    static String data(AnalysisResult r) throws IOException {
        StringWriter sw = new StringWriter();
        JsonGenerator g = new JsonFactory().createGenerator(sw);
        g.writeStartObject();
        g.writeStringField("kind", "trace");
        g.writeStringField("source", r.source());
        g.writeStringField("format", String.valueOf(r.format()));
        g.writeStringField("verdict", r.verdict().name());
        g.writeStringField("severity", r.severity());
        g.writeStringField("evidence", r.evidence());
        g.writeArrayFieldStart("advice");
        for (String a : r.advice()) g.writeString(a);
        g.writeEndArray();
        g.writeNumberField("leakedBytes", r.leakedBytes());
        g.writeNumberField("liveBytes", r.table().liveBytes());
        g.writeNumberField("suspectsTotal", r.suspects().size());
        g.writeArrayFieldStart("suspects");
        int n = 0;
        for (Suspect s : r.suspects()) {
            if (n++ >= MAX_STACKS) break;
            g.writeStartObject();
            frames(g, s.stack());
            g.writeStringField("label", s.label().text());
            g.writeNumberField("bytes", s.bytes() + s.indirectBytes());
            g.writeNumberField("blocks", s.blocks());
            if (Double.isNaN(s.growthBytesPerSecond())) g.writeNullField("growth");
            else g.writeNumberField("growth", Math.round(s.growthBytesPerSecond()));
            g.writeEndObject();
        }
        g.writeEndArray();
        chart(g, r);
        g.writeArrayFieldStart("sampledRss");
        List<ChartPoint> rss = r.sampledRss();
        int step = Math.max(1, (rss.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < rss.size(); i += step) {
            g.writeStartArray();
            g.writeNumber(rss.get(i).x());
            g.writeNumber(rss.get(i).rssBytes());
            g.writeEndArray();
        }
        g.writeEndArray();
        pinning(g, r);
        AnalysisJsonWriter.whatIf(g, r.whatIf());
        if (r.allocatorStats() != null) AnalysisJsonWriter.stats(g, r.allocatorStats());
        g.writeEndObject();
        g.flush();
        return sw.toString();
    }

    private static void chart(JsonGenerator g, AnalysisResult r) throws IOException {
        g.writeObjectFieldStart("chart");
        g.writeBooleanField("perSecond", r.replay() != null && r.replay().firstTimeNs() != io.heapsift.event.TraceEvent.NO_TIME);
        g.writeArrayFieldStart("points");
        List<ChartPoint> pts = r.chart();
        int step = Math.max(1, (pts.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < pts.size(); i += step) {
            ChartPoint p = pts.get(i);
            g.writeStartArray();
            g.writeNumber(p.x());
            g.writeNumber(p.liveBytes());
            g.writeNumber(p.heapBytes());
            g.writeNumber(p.rssBytes());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void pinning(JsonGenerator g, AnalysisResult r) throws IOException {
        g.writeArrayFieldStart("pinning");
        Pinning p = r.replay() == null ? null : r.replay().pinningEnd();
        if (p != null) {
            for (Pinning.Row row : p.stacks()) {
                if (row.blockedBytes() <= 0) continue;
                g.writeStartObject();
                g.writeStringField("kind", row.kind().name().toLowerCase(java.util.Locale.ROOT));
                frames(g, row.stack());
                g.writeNumberField("blockedBytes", row.blockedBytes());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static void frames(JsonGenerator g, Stack s) throws IOException {
        g.writeArrayFieldStart("frames");
        int n = 0;
        for (Frame f : s.frames()) {
            if (n++ >= MAX_FRAMES) break;
            g.writeString(f.function() == null ? Frame.UNKNOWN_FUNCTION : f.function());
        }
        g.writeEndArray();
    }
}
