package io.heapsift.ingest.memleak;

import io.heapsift.grammar.memleak.MemleakParser;
import io.heapsift.grammar.memleak.MemleakParser.AddrLineContext;
import io.heapsift.grammar.memleak.MemleakParser.GroupLineContext;
import io.heapsift.grammar.memleak.MemleakParser.HeaderLineContext;
import io.heapsift.grammar.memleak.MemleakParser.LineContext;
import io.heapsift.grammar.memleak.MemleakParser.TraceTupleLineContext;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.LineParser;

/**
 * memleak's and the traced program's stdout are buffered separately, so a flush can put the program's
 * output in the middle of a memleak line: "\taddr = 0x55628bf8cc60 size growth: 80 chunks" then
 * "= 4096". A line that starts like a memleak record but does not parse is held for one line; if a
 * prefix of it joined with the next line is a record, the record is read and the held line is the
 * program's.
 */
final class SplitLines {

    private final LineParser<MemleakParser, LineContext> lines;
    private final Diagnostics diag;
    long line;
    String text;
    int column;
    String detail;
    /** The joined text after a successful {@link #rejoin}. */
    String joined;

    SplitLines(LineParser<MemleakParser, LineContext> lines, Diagnostics diag) {
        this.lines = lines;
        this.diag = diag;
    }

    boolean holding() {
        return text != null;
    }

    /** Whether an unparsable line is worth holding: starts like a memleak record, not too long to retry. */
    static boolean maybeSplit(String text) {
        return text.length() < 512 && ForeignLines.looksLikeMemleak(text);
    }

    void hold(long n, String t, int col, String why) {
        line = n;
        text = t;
        column = col;
        detail = why;
    }

    void clear() {
        text = null;
    }

    /** Tries the held line's prefixes (longest first) joined with line {@code n}; null if none is a record. */
    LineContext rejoin(long n, String next) {
        for (int k = text.length() - 1; k > 0; k--) {
            String candidate = text.substring(0, k) + next;
            LineContext c = lines.parse(candidate);
            // only records whose text is all fixed words and numbers: in a frame the split point inside the
            // symbol name cannot be found (a name may contain anything), so split frames stay skipped
            if (c instanceof AddrLineContext || c instanceof GroupLineContext || c instanceof HeaderLineContext
                    || c instanceof TraceTupleLineContext) {
                diag.skip(line, k + 1, ForeignLines.PROGRAM_OUTPUT, "splits memleak's line " + n
                        + ", whose first " + k + " characters are on this line");
                text = null;
                joined = candidate;
                return c;
            }
        }
        return null;
    }
}
