package io.heapsift.ingest.valgrind;

import io.heapsift.event.Alloc;
import io.heapsift.event.Free;
import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.Realloc;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.table.OutstandingTable;
import io.heapsift.table.TableResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A capture parsed by the valgrind formats, with its events kept for assertions. */
record Parsed(ParseSummary summary, List<TraceEvent> events) {

    static final FormatRegistry REGISTRY = FormatRegistry.of(new MemcheckTextFormat(), new TraceMallocFormat());

    static Parsed file(Path p) {
        return file(p, null);
    }

    static Parsed file(Path p, String formatId) {
        List<TraceEvent> events = new ArrayList<>();
        try {
            ParseSummary s = new Ingest(REGISTRY).parse(p, formatId, events::add);
            return new Parsed(s, events);
        } catch (TraceInputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Parses {@code text} written to a temporary file (forced to the memcheck id unless detected). */
    static Parsed text(String text) {
        try {
            Path tmp = Files.createTempFile("valgrind", ".log");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                return file(tmp, ValgrindLogParser.MEMCHECK_ID);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T extends TraceEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<LeakRecord> records(LeakKind kind) {
        return of(LeakRecord.class).stream().filter(r -> r.kind() == kind).toList();
    }

    List<LeakSummary> summaries(LeakKind kind) {
        return of(LeakSummary.class).stream().filter(r -> r.kind() == kind).toList();
    }

    HeapSummary heapSummary() {
        List<HeapSummary> h = of(HeapSummary.class);
        return h.isEmpty() ? null : h.get(h.size() - 1);
    }

    /** The outstanding-allocation table built from the call events only (ignoring the leak report). */
    TableResult callTable() {
        OutstandingTable t = new OutstandingTable();
        for (TraceEvent e : events) {
            if (e instanceof Alloc || e instanceof Free || e instanceof Realloc) t.accept(e);
        }
        return t.result();
    }

    /** The table as the CLI builds it from every event. */
    TableResult table() {
        OutstandingTable t = new OutstandingTable();
        events.forEach(t::accept);
        return t.result();
    }

    /** Event lines in the form the tests write them: "kind:line". */
    String describe(TraceEvent e) {
        return e.getClass().getSimpleName() + "@" + e.line();
    }
}
