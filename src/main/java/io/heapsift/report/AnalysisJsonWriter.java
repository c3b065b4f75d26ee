package io.heapsift.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heapsift.analysis.AllocatorStats;
import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.ChartPoint;
import io.heapsift.analysis.Growth;
import io.heapsift.analysis.Plateau;
import io.heapsift.analysis.Retention;
import io.heapsift.analysis.Suspect;
import io.heapsift.analysis.WhatIf;
import io.heapsift.event.Frame;
import io.heapsift.replay.ReplayResult;

import java.io.IOException;
import java.io.Writer;

/** Writes an analysis as ONE JSON object; the schema is documented in {@code docs/json/analyze.md}. */
public final class AnalysisJsonWriter {

    private final int top;

    public AnalysisJsonWriter(int top) {
        this.top = top;
    }

    public void write(AnalysisResult r, Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        writeObject(g, r, true);
        g.writeRaw('\n');
        g.flush();
    }

    /** The object's fields; {@code full} adds the chart series (the batch summary leaves them out). */
    void writeObject(JsonGenerator g, AnalysisResult r, boolean full) throws IOException {
        g.writeStartObject();
        g.writeStringField("source", r.source());
        g.writeStringField("format", r.format());
        g.writeStringField("verdict", r.verdict().name());
        g.writeStringField("severity", r.severity());
        g.writeStringField("evidence", r.evidence());
        g.writeArrayFieldStart("advice");
        for (String a : r.advice()) g.writeString(a);
        g.writeEndArray();
        g.writeBooleanField("wholeRun", r.wholeRun());
        if (r.killedBy() != null) g.writeStringField("killedBy", r.killedBy());
        g.writeNumberField("leakedBytes", r.leakedBytes());
        g.writeNumberField("leakedBlocks", r.leakedBlocks());
        g.writeNumberField("liveBytes", r.table().liveBytes());
        g.writeNumberField("liveBlocks", r.table().liveBlocks());
        g.writeNumberField("suspectsTotal", r.suspects().size());
        g.writeArrayFieldStart("suspects");
        int n = 0;
        for (Suspect s : r.suspects()) {
            if (n++ >= top) break;
            suspect(g, s);
        }
        g.writeEndArray();
        ReplayResult rr = r.replay();
        if (rr != null) {
            ReplayJsonWriter.writeSample(g, "peak", rr.peak());
            ReplayJsonWriter.writeSample(g, "end", rr.end());
        }
        if (r.retention() != null) retention(g, r.retention());
        if (r.plateau() != null) plateau(g, r.plateau());
        whatIf(g, r.whatIf());
        if (r.allocatorStats() != null) stats(g, r.allocatorStats());
        if (full && !r.sampledRss().isEmpty()) {
            g.writeArrayFieldStart("sampledRss");
            for (ChartPoint p : r.sampledRss()) {
                g.writeStartArray();
                g.writeNumber(p.x());
                g.writeNumber(p.rssBytes());
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static void suspect(JsonGenerator g, Suspect s) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("frames");
        for (Frame f : s.stack().frames()) g.writeString(f.function());
        g.writeEndArray();
        g.writeStringField("label", s.label().id());
        g.writeNumberField("bytes", s.bytes());
        g.writeNumberField("blocks", s.blocks());
        if (s.indirectBytes() > 0) g.writeNumberField("indirectBytes", s.indirectBytes());
        if (s.allocs() > 0) g.writeNumberField("allocs", s.allocs());
        g.writeNumberField("peakBytes", s.peakBytes());
        if (!Double.isNaN(s.growthBytesPerSecond())) {
            g.writeNumberField("growthBytesPerSecond", Math.round(s.growthBytesPerSecond()));
        }
        Growth gr = s.growth();
        if (gr != null) {
            g.writeObjectFieldStart("trend");
            g.writeNumberField("slope", gr.slope());
            g.writeStringField("per", gr.perSecond() ? "second" : "event");
            g.writeNumberField("r2", Math.round(gr.r2() * 1000) / 1000.0);
            g.writeNumberField("points", gr.points());
            g.writeNumberField("grownBytes", gr.grownBytes());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void retention(JsonGenerator g, Retention r) throws IOException {
        g.writeObjectFieldStart("retention");
        g.writeStringField("where", r.where());
        g.writeNumberField("rssBytes", r.rssBytes());
        g.writeNumberField("liveBytes", r.liveBytes());
        g.writeNumberField("retainedBytes", r.retainedBytes());
        g.writeNumberField("fragmentationRatio", Math.round(r.ratio() * 1000) / 1000.0);
        g.writeNumberField("binnedBytes", r.binnedBytes());
        g.writeNumberField("topBytes", r.topBytes());
        if (r.trimReleased() >= 0) g.writeNumberField("trimReleasedBytes", r.trimReleased());
        g.writeNumberField("arenas", r.arenas());
        g.writeBooleanField("significant", r.significant());
        if (r.pinning() != null) {
            g.writeNumberField("pinnedBytes", r.pinning().pinnedBytes());
            g.writeNumberField("blockedBytes", r.pinning().blockedBytes());
        }
        g.writeEndObject();
    }

    private static void plateau(JsonGenerator g, Plateau p) throws IOException {
        g.writeObjectFieldStart("plateau");
        g.writeNumberField(p.perSecond() ? "atSeconds" : "atEvent", p.atX());
        g.writeNumberField("footprintBytes", p.footprintBytes());
        g.writeEndObject();
    }

    /** The malloc_stats()/malloc_info() overlay, shared with the HTML page's data. */
    static void stats(JsonGenerator g, AllocatorStats s) throws IOException {
        g.writeObjectFieldStart("mallocStats");
        g.writeStringField("source", s.source());
        g.writeNumberField("systemBytes", s.systemBytes());
        g.writeNumberField("inUseBytes", s.inUseBytes());
        if (s.mmapBytes() >= 0) g.writeNumberField("mmapBytes", s.mmapBytes());
        g.writeArrayFieldStart("arenas");
        for (AllocatorStats.Arena a : s.arenas()) {
            g.writeStartObject();
            g.writeNumberField("arena", a.arena());
            g.writeNumberField("systemBytes", a.systemBytes());
            g.writeNumberField("inUseBytes", a.inUseBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The what-if replays, shared with the HTML page's data. */
    static void whatIf(JsonGenerator g, java.util.List<WhatIf> list) throws IOException {
        g.writeArrayFieldStart("whatIf");
        for (WhatIf w : list) {
            g.writeStartObject();
            g.writeStringField("config", w.config());
            g.writeNumberField("meanRssBytes", w.meanRssBytes());
            g.writeNumberField("baseMeanRssBytes", w.baseMeanRss());
            g.writeNumberField("peakRssBytes", w.peakRssBytes());
            g.writeNumberField("basePeakRssBytes", w.basePeakRss());
            g.writeNumberField("endRssBytes", w.endRssBytes());
            g.writeNumberField("baseEndRssBytes", w.baseEndRss());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
