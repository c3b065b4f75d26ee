package io.heapsift.ingest;

import java.util.List;
import java.util.Map;

/**
 * What ingestion says about one input once parsed: the format, the line accounting and the
 * messages. {@code lines == recognized + skipped} always holds.
 */
public record ParseSummary(String source, String formatId, String variant, Map<String, String> facts,
                           long lines, long events, long skipped, Map<String, Long> skippedByReason,
                           Map<String, Long> notes, long warnings, List<Diagnostic> messages) {

    /** Lines that were understood (as events or as known non-event lines). */
    public long recognized() {
        return lines - skipped;
    }
}
