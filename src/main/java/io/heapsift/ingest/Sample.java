package io.heapsift.ingest;

import java.util.List;

/**
 * The head of an input used for format detection: the first lines (decoded as UTF-8, line ends
 * stripped) of the decompressed content.
 */
public record Sample(String source, List<String> lines) {

    /** The first line that is not blank, or "". */
    public String firstNonBlank() {
        for (String l : lines) {
            if (!l.isBlank()) return l;
        }
        return "";
    }

    /** Number of sample lines matching the predicate. */
    public long count(java.util.function.Predicate<String> p) {
        return lines.stream().filter(p).count();
    }
}
