package io.heapsift.ingest.memleak;

import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A capture parsed with the memleak format alone: the summary and every event, for assertions. */
record Parsed(ParseSummary summary, List<TraceEvent> events) {

    static Parsed of(Path file) throws TraceInputException {
        List<TraceEvent> events = new ArrayList<>();
        ParseSummary s = new Ingest(FormatRegistry.of(new MemleakFormat())).parse(file, MemleakFormat.ID, events::add);
        return new Parsed(s, events);
    }

    /** Writes {@code text} to {@code dir/name} and parses it. */
    static Parsed text(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return of(f);
    }

    <T extends TraceEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    long skipped(String reason) {
        return summary.skippedByReason().getOrDefault(reason, 0L);
    }
}
