package io.heapsift.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Line accounting and messages for one input. Every line read is either recognized or counted here
 * as skipped with a reason; nothing is dropped silently. Only the first {@link #MAX_MESSAGES}
 * messages are kept, the counts are always complete.
 */
public final class Diagnostics {

    /** How many positioned messages are kept (counts are unbounded). */
    public static final int MAX_MESSAGES = 200;

    private final String source;
    private long lines;
    private long skipped;
    private long warnings;
    private final Map<String, Long> skippedByReason = new LinkedHashMap<>();
    private final Map<String, Long> notes = new LinkedHashMap<>();
    private final List<Diagnostic> messages = new ArrayList<>();

    public Diagnostics(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** Called by the line reader for every physical line read. */
    public void countLine() {
        lines++;
    }

    /** Sets the line count when a format counts lines itself (XML). */
    public void setLines(long n) {
        lines = n;
    }

    /** Counts a line as skipped for {@code reason} (a short fixed phrase), with a positioned message. */
    public void skip(long line, int column, String reason, String detail) {
        skipped++;
        skippedByReason.merge(reason, 1L, Long::sum);
        add(new Diagnostic(source, line, column, Diagnostic.Severity.WARNING,
                detail == null ? reason : reason + ": " + detail));
    }

    /**
     * Counts {@code count} consecutive lines as skipped for {@code reason} with ONE positioned message
     * (e.g. the unfinished tail of a truncated XML document, which is one problem, not N).
     */
    public void skip(long line, int column, String reason, String detail, long count) {
        if (count <= 0) return;
        skipped += count;
        skippedByReason.merge(reason, count, Long::sum);
        add(new Diagnostic(source, line, column, Diagnostic.Severity.WARNING,
                detail == null ? reason : reason + ": " + detail));
    }

    /** A recognized line that still deserves a warning (e.g. a call ltrace lost the return of). */
    public void warn(long line, int column, String message) {
        warnings++;
        add(new Diagnostic(source, line, column, Diagnostic.Severity.WARNING, message));
    }

    /** Counts a notable but normal occurrence ("calls without return", "lost events") for the summary. */
    public void note(String what, long count) {
        notes.merge(what, count, Long::sum);
    }

    private void add(Diagnostic d) {
        if (messages.size() < MAX_MESSAGES) messages.add(d);
    }

    public long lines() {
        return lines;
    }

    public long skipped() {
        return skipped;
    }

    public long warnings() {
        return warnings;
    }

    public Map<String, Long> skippedByReason() {
        return Collections.unmodifiableMap(skippedByReason);
    }

    public Map<String, Long> notes() {
        return Collections.unmodifiableMap(notes);
    }

    public List<Diagnostic> messages() {
        return Collections.unmodifiableList(messages);
    }
}
