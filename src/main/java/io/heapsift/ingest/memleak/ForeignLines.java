package io.heapsift.ingest.memleak;

import io.heapsift.ingest.Diagnostics;

/**
 * Lines memleak did not print. With {@code -c} the traced program writes to the same file as memleak,
 * so such a line is the program's output; otherwise it is an unrecognized line. Whether the capture is
 * a {@code -c} capture is only known from memleak's startup lines, and the program's output can come
 * first (both tools' stdout is block-buffered when redirected: libbpf-tools captures start with the
 * program's last words). So the lines before the first memleak line are held (a bounded number) and
 * classified when it arrives.
 */
final class ForeignLines {

    static final String PROGRAM_OUTPUT = "program output";
    static final String UNRECOGNIZED = "unrecognized line";
    private static final int HOLD = 1024;

    private final Diagnostics diag;
    private final CaptureFacts facts;
    private final long[] lines = new long[HOLD];
    private final int[] columns = new int[HOLD];
    private final String[] details = new String[HOLD];
    private final boolean[] memleakLike = new boolean[HOLD];
    private int held;
    private boolean toolSeen;

    ForeignLines(Diagnostics diag, CaptureFacts facts) {
        this.diag = diag;
        this.facts = facts;
    }

    /** A line that is not memleak output (text for the heuristic, column and detail for an unrecognized line). */
    void add(long line, String text, int column, String detail) {
        boolean like = looksLikeMemleak(text);
        if (toolSeen || held == HOLD) {
            skip(line, column, detail, like);
            return;
        }
        lines[held] = line;
        columns[held] = column;
        details[held] = detail;
        memleakLike[held] = like;
        held++;
    }

    /** A memleak line was read: the capture's mode is known from now on. */
    void toolLine() {
        if (toolSeen) return;
        toolSeen = true;
        release();
    }

    /** End of input. */
    void finish() {
        release();
    }

    private void release() {
        for (int i = 0; i < held; i++) {
            skip(lines[i], columns[i], details[i], memleakLike[i]);
            details[i] = null;
        }
        held = 0;
    }

    private void skip(long line, int column, String detail, boolean like) {
        if (facts.command() && !like) {
            diag.skip(line, 1, PROGRAM_OUTPUT, null);
        } else {
            diag.skip(line, column, UNRECOGNIZED, detail);
        }
    }

    /** Starts like a memleak record (a tab, a "[digit" header, a trace tuple), so not the program's words. */
    static boolean looksLikeMemleak(String text) {
        return text.startsWith("\t") || text.startsWith("(b'") || text.startsWith("('") || text.startsWith("(b\"")
                || (text.length() > 1 && text.charAt(0) == '[' && Character.isDigit(text.charAt(1)));
    }

    /** ANTLR's message without its list of expected tokens (which is the whole vocabulary). */
    static String shorten(String antlrMessage) {
        if (antlrMessage == null) return null;
        int i = antlrMessage.indexOf(" expecting {");
        return i < 0 ? antlrMessage : antlrMessage.substring(0, i);
    }
}
