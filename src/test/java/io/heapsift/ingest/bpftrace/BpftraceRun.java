package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Stacks;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test harness: one parse of a bpftrace capture through the format, with its events and accounting. */
record BpftraceRun(List<TraceEvent> events, Diagnostics diag, ParseContext ctx) {

    static BpftraceRun parse(Path file) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        Diagnostics diag = new Diagnostics(file.toString());
        ParseContext ctx = new ParseContext(BpftraceFormat.ID, events::add, diag, new Stacks());
        new BpftraceFormat().parse(TraceInput.of(file), ctx);
        return new BpftraceRun(events, diag, ctx);
    }

    static BpftraceRun parse(Path dir, String text) throws IOException {
        Path p = dir.resolve("snippet.bpftrace");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return parse(p);
    }

    <T extends TraceEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Event times in emission order (NO_TIME for untimed events). */
    List<Long> times() {
        return events.stream().map(BpftraceRun::time).toList();
    }

    static long time(TraceEvent e) {
        if (e instanceof io.heapsift.event.Alloc a) return a.timeNs();
        if (e instanceof io.heapsift.event.Free f) return f.timeNs();
        if (e instanceof io.heapsift.event.Realloc r) return r.timeNs();
        if (e instanceof io.heapsift.event.AllocatorCall c) return c.timeNs();
        if (e instanceof io.heapsift.event.ThreadExit t) return t.timeNs();
        if (e instanceof io.heapsift.event.ProcessExit p) return p.timeNs();
        return TraceEvent.NO_TIME;
    }
}
