package io.heapsift.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heapsift.event.Frame;
import io.heapsift.event.TraceEvent;
import io.heapsift.model.Footprint;
import io.heapsift.model.MallInfo;
import io.heapsift.model.glibc.ModelConfig;
import io.heapsift.replay.Checkpoint;
import io.heapsift.replay.CheckpointComparison;
import io.heapsift.replay.Incomplete;
import io.heapsift.replay.Pinning;
import io.heapsift.replay.PlacementFidelity;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Sample;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a replay as ONE JSON object; the schema is documented in {@code docs/json/replay.md}. */
public final class ReplayJsonWriter {

    public void write(ReplayReport r, Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ReplayResult res = r.result();
        g.writeStartObject();
        g.writeStringField("source", r.parse().source());
        g.writeStringField("format", r.parse().formatId());
        g.writeNumberField("events", res.events());
        writeConfig(g, r);
        writeCounts(g, res.counts());
        writeSample(g, "peak", res.peak());
        writeSample(g, "peakSpan", res.peakSpan());
        writeSample(g, "end", res.end());
        if (r.glibcAddresses() && res.placement() != null) writeFidelity(g, res.placement());
        if (r.checkpoints() != null) writeCheckpoints(g, r.checkpoints(), r.mallinfoSource());
        if (!res.checkpoints().isEmpty()) writeMallinfoCalls(g, res.checkpoints());
        writeIncomplete(g, res.incomplete());
        g.writeObjectFieldStart("pinning");
        if (res.pinningPeak() != null) writePinning(g, "peak", res.pinningPeak());
        writePinning(g, "end", res.pinningEnd());
        g.writeEndObject();
        if (!r.whatIf().isEmpty()) writeWhatIf(g, r);
        g.writeObjectFieldStart("timeline");
        g.writeNumberField("points", res.timeline().size());
        g.writeNumberField("interval", res.interval());
        g.writeEndObject();
        if (res.firstTimeNs() != TraceEvent.NO_TIME) {
            g.writeNumberField("firstTimeNs", res.firstTimeNs());
            g.writeNumberField("lastTimeNs", res.lastTimeNs());
        }
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private static void writeConfig(JsonGenerator g, ReplayReport r) throws IOException {
        ModelConfig c = r.scenario().config();
        g.writeObjectFieldStart("config");
        g.writeStringField("label", r.scenario().label());
        g.writeStringField("model", "glibc-2.36-ptmalloc2");
        g.writeNumberField("mmap_threshold", c.mmapThreshold());
        g.writeNumberField("trim_threshold", c.trimThreshold());
        g.writeNumberField("top_pad", c.topPad());
        g.writeNumberField("mmap_max", c.mmapMax());
        g.writeNumberField("arena_max", c.arenaMax());
        g.writeNumberField("arena_test", c.arenaTest());
        g.writeNumberField("tcache_count", c.tcacheCount());
        g.writeNumberField("tcache_max", c.tcacheMax());
        g.writeNumberField("mxfast", c.mxfast());
        g.writeNumberField("cpus", c.cpus());
        g.writeBooleanField("dynamicThresholdFrozen", c.dynamicThresholdFrozen());
        if (r.scenario().trim().never()) g.writeNullField("trimEvery");
        else g.writeStringField("trimEvery", r.scenario().trim().toString());
        g.writeEndObject();
    }

    private static void writeCounts(JsonGenerator g, ReplayResult.Counts c) throws IOException {
        g.writeObjectFieldStart("counts");
        g.writeNumberField("allocs", c.allocs());
        g.writeNumberField("frees", c.frees());
        g.writeNumberField("reallocs", c.reallocs());
        g.writeNumberField("trims", c.trims());
        g.writeNumberField("mallopts", c.mallopts());
        g.writeNumberField("periodicTrims", c.periodicTrims());
        g.writeNumberField("threads", c.threads());
        g.writeNumberField("threadExits", c.threadExits());
        g.writeEndObject();
    }

    static void writeSample(JsonGenerator g, String name, Sample s) throws IOException {
        Footprint f = s.footprint();
        g.writeObjectFieldStart(name);
        g.writeNumberField("eventIndex", s.eventIndex());
        if (s.line() > 0) g.writeNumberField("line", s.line());
        if (s.timeNs() != TraceEvent.NO_TIME) g.writeNumberField("timeNs", s.timeNs());
        num(g, "liveBytes", f.requestedLive());
        num(g, "chunkBytes", f.chunkLive());
        num(g, "arenaBytes", f.arenaBytes());
        if (s.arenas() != null) {
            g.writeArrayFieldStart("arenas");
            for (long a : s.arenas()) g.writeNumber(a);
            g.writeEndArray();
        }
        num(g, "mmapBytes", f.mmapBytes());
        num(g, "mmapCount", f.mmapCount());
        num(g, "freeBytes", f.freeBytes());
        num(g, "topBytes", f.topBytes());
        num(g, "binnedBytes", f.binnedFree());
        num(g, "fastbinBytes", f.fastbinFree());
        num(g, "tcacheBytes", f.tcacheFree());
        num(g, "trimmableBytes", f.trimmableBytes());
        num(g, "rssBytes", f.rssBytes());
        num(g, "vmDataBytes", f.vmDataBytes());
        num(g, "retainedBytes", f.requestedLive() < 0 ? -1 : Math.max(0, f.rssBytes() - f.requestedLive()));
        g.writeEndObject();
    }

    /** A byte count, or null when it was not computed (negative). */
    private static void num(JsonGenerator g, String name, long v) throws IOException {
        if (v < 0) g.writeNullField(name);
        else g.writeNumberField(name, v);
    }

    private static void writeFidelity(JsonGenerator g, PlacementFidelity p) throws IOException {
        g.writeObjectFieldStart("fidelity");
        g.writeNumberField("placed", p.placed());
        g.writeNumberField("placedExact", p.placedExact());
        g.writeNumberField("placedExactShare", p.placedExactShare());
        g.writeNumberField("sameSide", p.sameSide());
        g.writeNumberField("sameSideShare", p.sameSideShare());
        side(g, "main", p.mainPlaced(), p.mainExact());
        side(g, "thread", p.threadPlaced(), p.threadExact());
        side(g, "mmap", p.mmapPlaced(), p.mmapExact());
        if (p.sbrkBase() != 0) g.writeStringField("sbrkBase", "0x" + Long.toHexString(p.sbrkBase()));
        if (p.firstMismatchLine() > 0) {
            g.writeObjectFieldStart("firstMismatch");
            g.writeNumberField("line", p.firstMismatchLine());
            g.writeStringField("what", p.firstMismatch());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void side(JsonGenerator g, String name, long placed, long exact) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("placed", placed);
        g.writeNumberField("placedExact", exact);
        g.writeEndObject();
    }

    private static void writeCheckpoints(JsonGenerator g, CheckpointComparison c, String source) throws IOException {
        g.writeObjectFieldStart("checkpoints");
        if (source != null) g.writeStringField("source", source);
        g.writeNumberField("compared", c.compared());
        g.writeNumberField("traceCheckpoints", c.traceCheckpoints());
        g.writeNumberField("tsvRows", c.tsvRows());
        g.writeObjectFieldStart("fields");
        for (CheckpointComparison.Field f : c.fields()) {
            g.writeObjectFieldStart(f.name());
            g.writeNumberField("exact", f.exact());
            g.writeNumberField("exactShare", f.exactShare());
            g.writeNumberField("maxRelError", f.maxRelError());
            g.writeNumberField("maxAbsError", f.maxAbsError());
            g.writeNumberField("firstMismatch", f.firstMismatch());
            g.writeEndObject();
        }
        g.writeEndObject();
        writeError(g, "rss", c.rss());
        writeError(g, "vmData", c.vmData());
        g.writeArrayFieldStart("rows");
        for (CheckpointComparison.Row row : c.rows()) {
            g.writeStartObject();
            g.writeNumberField("ordinal", row.ordinal());
            g.writeStringField("label", row.label());
            g.writeNumberField("eventIndex", row.eventIndex());
            if (row.line() > 0) g.writeNumberField("line", row.line());
            writeMallinfo(g, "model", row.model());
            writeMallinfo(g, "glibc", row.glibc());
            g.writeNumberField("modelRssBytes", row.modelRssBytes());
            g.writeNumberField("glibcRssBytes", row.glibcRssBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The model's mallinfo2 at every mallinfo2() call of the trace (and glibc's, when the trace recorded it). */
    private static void writeMallinfoCalls(JsonGenerator g, List<Checkpoint> calls) throws IOException {
        g.writeArrayFieldStart("mallinfoCalls");
        for (Checkpoint c : calls) {
            g.writeStartObject();
            g.writeNumberField("ordinal", c.ordinal());
            g.writeNumberField("eventIndex", c.sample().eventIndex());
            if (c.sample().line() > 0) g.writeNumberField("line", c.sample().line());
            if (c.sample().timeNs() != TraceEvent.NO_TIME) g.writeNumberField("timeNs", c.sample().timeNs());
            writeMallinfo(g, "model", c.mallinfo());
            if (c.traced() != null) writeMallinfo(g, "glibc", c.traced());
            g.writeNumberField("modelRssBytes", c.sample().footprint().rssBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeError(JsonGenerator g, String name, CheckpointComparison.Error e) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("baselineBytes", e.baselineBytes());
        g.writeNumberField("compared", e.compared());
        g.writeNumberField("maxRelError", e.maxRelError());
        g.writeNumberField("meanRelError", e.meanRelError());
        g.writeNumberField("maxAbsErrorBytes", e.maxAbsErrorBytes());
        g.writeEndObject();
    }

    private static void writeMallinfo(JsonGenerator g, String name, MallInfo m) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("arena", m.arena());
        g.writeNumberField("ordblks", m.ordblks());
        g.writeNumberField("smblks", m.smblks());
        g.writeNumberField("hblks", m.hblks());
        g.writeNumberField("hblkhd", m.hblkhd());
        g.writeNumberField("uordblks", m.uordblks());
        g.writeNumberField("fordblks", m.fordblks());
        g.writeNumberField("fsmblks", m.fsmblks());
        g.writeNumberField("keepcost", m.keepcost());
        g.writeEndObject();
    }

    private static void writeIncomplete(JsonGenerator g, Incomplete i) throws IOException {
        g.writeObjectFieldStart("incomplete");
        g.writeBooleanField("complete", i.complete());
        g.writeNumberField("unknownFrees", i.unknownFrees());
        g.writeNumberField("unexplainedFrees", i.unexplainedFrees());
        g.writeNumberField("unknownReallocs", i.unknownReallocs());
        g.writeNumberField("unmatchedAllocs", i.unmatchedAllocs());
        g.writeNumberField("lateBound", i.lateBound());
        g.writeNumberField("failedAllocs", i.failedAllocs());
        g.writeNumberField("failedReallocs", i.failedReallocs());
        g.writeNumberField("unknownSizes", i.unknownSizes());
        g.writeNumberField("reusedLive", i.reusedLive());
        g.writeNumberField("noThread", i.noThread());
        g.writeNumberField("modelRefused", i.modelRefused());
        g.writeNumberField("notHeap", i.notHeap());
        g.writeNumberField("ignoredThreadExits", i.ignoredThreadExits());
        g.writeEndObject();
    }

    private static void writePinning(JsonGenerator g, String name, Pinning p) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("eventIndex", p.eventIndex());
        g.writeBooleanField("exact", p.exact());
        g.writeNumberField("freeBytes", p.freeBytes());
        g.writeNumberField("blockedBytes", p.blockedBytes());
        g.writeNumberField("pinnedBytes", p.pinnedBytes());
        g.writeNumberField("releasableBytes", p.releasableBytes());
        g.writeNumberField("releasableResidentBytes", p.releasableResidentBytes());
        g.writeArrayFieldStart("arenas");
        for (Pinning.Arena a : p.arenas()) {
            g.writeStartObject();
            g.writeNumberField("arena", a.arena());
            g.writeNumberField("systemBytes", a.systemBytes());
            g.writeNumberField("freeBytes", a.freeBytes());
            g.writeNumberField("topBytes", a.topBytes());
            g.writeNumberField("runs", a.runs());
            g.writeNumberField("blockedBytes", a.blockedBytes());
            g.writeNumberField("pinnedBytes", a.pinnedBytes());
            g.writeNumberField("releasableBytes", a.releasableBytes());
            g.writeNumberField("topKeptBytes", a.topKeptBytes());
            g.writeNumberField("cachedBytes", a.cachedBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("stacksTotal", p.stacksTotal());
        g.writeArrayFieldStart("stacks");
        for (Pinning.Row row : p.stacks()) {
            g.writeStartObject();
            g.writeStringField("kind", row.kind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeNumberField("blockedBytes", row.blockedBytes());
            g.writeNumberField("pinnedBytes", row.pinnedBytes());
            g.writeNumberField("chunks", row.chunks());
            g.writeNumberField("chunkBytes", row.chunkBytes());
            g.writeArrayFieldStart("arenas");
            for (int i = 0; i < 64; i++) if ((row.arenas() & (1L << i)) != 0) g.writeNumber(i);
            g.writeEndArray();
            g.writeArrayFieldStart("frames");
            for (Frame f : row.stack().frames()) g.writeString(f.function());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeWhatIf(JsonGenerator g, ReplayReport r) throws IOException {
        g.writeArrayFieldStart("whatIf");
        for (ReplayResult w : r.whatIf()) {
            g.writeStartObject();
            g.writeStringField("config", w.config());
            g.writeNumberField("peakRssBytes", w.peak().footprint().rssBytes());
            g.writeNumberField("peakEventIndex", w.peak().eventIndex());
            g.writeNumberField("peakArenaPlusMmapBytes", w.peakSpan().heapPlusMmap());
            writeSample(g, "end", w.end());
            g.writeNumberField("periodicTrims", w.counts().periodicTrims());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
