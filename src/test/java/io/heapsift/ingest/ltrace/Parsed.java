package io.heapsift.ingest.ltrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.Frame;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A capture parsed by {@link LtraceFormat} alone: its events and its summary, plus helpers to read them. */
record Parsed(List<TraceEvent> events, ParseSummary summary) {

    static Parsed of(Path file) {
        List<TraceEvent> events = new ArrayList<>();
        try {
            ParseSummary s = new Ingest(FormatRegistry.of(new LtraceFormat())).parse(file, LtraceFormat.ID, events::add);
            return new Parsed(events, s);
        } catch (TraceInputException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Parses {@code text} written to a file named {@code x.ltrace} in {@code dir}. */
    static Parsed text(Path dir, String text) {
        try {
            Path f = dir.resolve("x.ltrace");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return of(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events by kind name ("alloc MALLOC", "free FREE", "realloc", "thread-exit", ...). */
    Map<String, Long> countsByKind() {
        return events.stream().collect(Collectors.groupingBy(Parsed::kind, TreeMap::new, Collectors.counting()));
    }

    static String kind(TraceEvent e) {
        if (e instanceof Alloc a) return "alloc " + a.kind();
        if (e instanceof Free f) return "free " + f.kind();
        if (e instanceof Realloc) return "realloc";
        if (e instanceof AllocatorCall c) return "call " + c.kind();
        if (e instanceof ThreadExit) return "thread-exit";
        if (e instanceof ProcessExit) return "process-exit";
        return e.getClass().getSimpleName();
    }

    /** A stable one-line description, stacks by their frames (so two interners compare equal). */
    static String describe(TraceEvent e) {
        if (e instanceof Alloc a) {
            return String.format("%d alloc %s t=%d tid=%d size=%d addr=%x align=%d %s", a.line(), a.kind(), a.timeNs(), a.tid(),
                    a.size(), a.address(), a.alignment(), frames(a.stack()));
        }
        if (e instanceof Free f) {
            return String.format("%d free %s t=%d tid=%d addr=%x size=%d %s", f.line(), f.kind(), f.timeNs(), f.tid(), f.address(),
                    f.size(), frames(f.stack()));
        }
        if (e instanceof Realloc r) {
            return String.format("%d realloc%s t=%d tid=%d old=%x size=%d new=%x %s", r.line(), r.array() ? "array" : "",
                    r.timeNs(), r.tid(), r.oldAddress(), r.size(), r.newAddress(), frames(r.stack()));
        }
        return e.toString();
    }

    private static String frames(Stack s) {
        return s.frames().stream().map(Frame::toString).collect(Collectors.joining(" | ", "[", "]"));
    }

    List<String> described() {
        return events.stream().map(Parsed::describe).toList();
    }

    /** Live bytes at the end, following addresses (what the table does, in a few lines). */
    long outstandingBytes() {
        Map<Long, Long> live = new java.util.HashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof Alloc a && a.address() != 0 && a.address() != TraceEvent.NO_ADDRESS) live.put(a.address(), a.size());
            else if (e instanceof Free f) live.remove(f.address());
            else if (e instanceof Realloc r && !r.failed()) {
                if (r.oldAddress() != 0) live.remove(r.oldAddress());
                if (r.newAddress() != 0 && r.newAddress() != TraceEvent.NO_ADDRESS) live.put(r.newAddress(), r.size());
            }
        }
        return live.values().stream().mapToLong(Long::longValue).sum();
    }
}
