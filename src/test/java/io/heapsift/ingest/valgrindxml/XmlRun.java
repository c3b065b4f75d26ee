package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.Stacks;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test harness: one parse of a valgrind XML file, with its events and accounting. */
record XmlRun(List<TraceEvent> events, Diagnostics diag, ParseContext ctx) {

    /** Parses through the format directly (no detection, no "nothing recognized" check). */
    static XmlRun parse(Path file) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        Diagnostics diag = new Diagnostics(file.toString());
        ParseContext ctx = new ParseContext(ValgrindXmlFormat.ID, events::add, diag, new Stacks());
        new ValgrindXmlFormat().parse(TraceInput.of(file), ctx);
        return new XmlRun(events, diag, ctx);
    }

    /** Parses a document written to a temporary file in {@code dir}. */
    static XmlRun parse(Path dir, String name, String content) throws IOException {
        return parse(write(dir, name, content.getBytes(StandardCharsets.UTF_8)));
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** The full ingest path (detection among valgrind XML only), as the CLI runs it. */
    static ParseSummary ingest(Path file, List<TraceEvent> out) throws IOException {
        return new Ingest(FormatRegistry.of(new ValgrindXmlFormat())).parse(file, null, out::add);
    }

    <T extends TraceEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<LeakRecord> leaks() {
        return all(LeakRecord.class);
    }

    List<ToolError> errors() {
        return all(ToolError.class);
    }

    /** Σ direct bytes / Σ blocks per kind: what valgrind's LEAK SUMMARY adds up. */
    Map<LeakKind, long[]> leakTotals() {
        Map<LeakKind, long[]> m = new EnumMap<>(LeakKind.class);
        for (LeakRecord r : leaks()) {
            long[] t = m.computeIfAbsent(r.kind(), k -> new long[2]);
            t[0] += r.directBytes();
            t[1] += r.blocks();
        }
        return m;
    }

    long recognized() {
        return diag.lines() - diag.skipped();
    }

    /** 1-based lines of the occurrences of {@code marker} in {@code text} (e.g. each {@code </error>}). */
    static List<Long> linesOf(String text, String marker) {
        List<Long> out = new ArrayList<>();
        long line = 1;
        int from = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            for (int j = from; j < i; j++) if (text.charAt(j) == '\n') line++;
            from = i;
            out.add(line);
        }
        return out;
    }

    /** Physical lines as {@code wc -l} counts them, plus a last line without newline. */
    static long physicalLines(byte[] b) {
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
    }
}
