package io.heapsift.ingest.valgrindxml;

import io.heapsift.ingest.Diagnostics;

/**
 * Keeps {@code lines == recognized + skipped} for a document that is read element by element rather
 * than line by line. {@link #accounted} is the last line whose fate is decided: lines up to it are
 * recognized unless they were skipped individually; the lines after it at the end of a broken
 * document are skipped together as one tail.
 */
final class LineAccounting {

    static final String PROGRAM_OUTPUT = "program output";
    static final String OUTSIDE = "text outside the XML document";

    private final Diagnostics diag;
    private long accounted;

    LineAccounting(Diagnostics diag) {
        this.diag = diag;
    }

    Diagnostics diagnostics() {
        return diag;
    }

    /** Lines up to {@code line} are done (a top-level element ended there). */
    void checkpoint(long line) {
        if (line > accounted) accounted = line;
    }

    long accounted() {
        return accounted;
    }

    /** Skips one line that is not valgrind's (unless part of it was already recognized). */
    void skipLine(long line, String reason, String text) {
        if (line <= accounted) return;
        diag.skip(line, 1, reason, text == null || text.isBlank() ? null : quote(text.strip()));
        accounted = line;
    }

    /**
     * Stray character data between elements: each non-blank physical line of it is skipped as program
     * output. {@code endLine} is the line where the text ends (the StAX location after the event).
     */
    void strayText(String text, long endLine) {
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) skipLine(endLine - (parts.length - 1 - i), PROGRAM_OUTPUT, parts[i]);
        }
    }

    /**
     * Skips every line after {@link #accounted} up to {@code totalLines} with ONE message at
     * {@code line:col}; when no whole line is left (the break is on the last accounted line) it warns.
     */
    void skipTail(long totalLines, long line, int column, String reason, String detail) {
        long count = totalLines - accounted;
        if (count > 0) {
            diag.skip(line, column, reason, detail + " (" + count + (count == 1 ? " line" : " lines") + " skipped)", count);
        } else {
            diag.warn(line, column, reason + ": " + detail);
        }
        accounted = Math.max(accounted, totalLines);
    }

    private static String quote(String s) {
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + '"';
    }
}
