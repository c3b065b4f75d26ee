package io.heapsift.ingest.valgrindxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The character stream the StAX parser reads, with the bookkeeping the XML parser cannot do:
 * <ul>
 *   <li>UTF-8 is decoded leniently and characters XML 1.0 forbids (valgrind escapes only
 *       {@code & < >}, so a control byte in a symbol would kill the parse) become U+FFFD;</li>
 *   <li>every physical line is counted ({@code \n}; a last line without one counts too);</li>
 *   <li>lines before the first line starting with {@code <} (stderr text when {@code --xml-fd=2})
 *       are dropped and reported, and {@link #lineOffset()} maps parser lines to file lines;</li>
 *   <li>the stream ends right after the first {@code </valgrindoutput>}, so that what follows can be
 *       read with {@link #readRestLine()} and judged (a second document = interleaved output);</li>
 *   <li>a second {@code <?xml} declaration is remembered with its line.</li>
 * </ul>
 * The literal {@code </valgrindoutput>} cannot occur inside valgrind's text ({@code <} is escaped).
 */
final class XmlTextReader extends Reader {

    /** Receives the lines dropped before the document. */
    interface PrologueSink {
        void line(long line, String text);
    }

    private static final char[] ROOT_END = "</valgrindoutput>".toCharArray();
    private static final char[] XML_DECL = "<?xml".toCharArray();
    private static final int MAX_KEPT = 160;

    private final Reader in;
    private final PrologueSink prologue;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int lim;
    private boolean eof;
    private long newlines;
    private boolean midLine;
    private long lineOffset;
    private boolean started;
    private boolean stopped;
    private int rootEndMatch;
    private int declMatch;
    private long declarations;
    private long secondDeclarationLine;
    private long rootEndLine;
    private long replaced;
    private long restLine;

    XmlTextReader(InputStream bytes, PrologueSink prologue) {
        this.in = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.prologue = prologue;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (!started) start();
        if (stopped || len == 0) return stopped ? -1 : 0;
        if (pos >= lim && !fill()) return -1;
        int n = Math.min(len, lim - pos);
        for (int i = 0; i < n; i++) {
            char c = buf[pos + i];
            if (track(c)) {
                cbuf[off + i] = c;
                n = i + 1;
                stopped = true;
                rootEndLine = newlines + 1;
                break;
            }
            cbuf[off + i] = legal(c) ? c : replace();
        }
        pos += n;
        return n;
    }

    /** Counts lines and watches for the two markers; true when {@code c} completes {@code </valgrindoutput>}. */
    private boolean track(char c) {
        count(c);
        declMatch = c == XML_DECL[declMatch] ? declMatch + 1 : (c == '<' ? 1 : 0);
        if (declMatch == XML_DECL.length) {
            declMatch = 0;
            if (++declarations == 2) secondDeclarationLine = newlines + 1;
        }
        rootEndMatch = c == ROOT_END[rootEndMatch] ? rootEndMatch + 1 : (c == '<' ? 1 : 0);
        return rootEndMatch == ROOT_END.length;
    }

    private void count(char c) {
        if (c == '\n') {
            newlines++;
            midLine = false;
        } else {
            midLine = true;
        }
    }

    private static boolean legal(char c) {
        return c >= 0x20 ? c < 0xFFFE : c == '\n' || c == '\t' || c == '\r';
    }

    private char replace() {
        replaced++;
        return '\uFFFD';
    }

    /** Drops whole lines until one whose first non-blank character is {@code <}; blank lines are fine. */
    private void start() throws IOException {
        started = true;
        StringBuilder kept = new StringBuilder();
        boolean junk = false;
        while (pos < lim || fill()) {
            char c = buf[pos];
            if (c == '<' && !junk) break;
            pos++;
            count(c);
            if (c == '\n') {
                if (junk) prologue.line(newlines, kept.toString());
                junk = false;
                kept.setLength(0);
            } else if (!Character.isWhitespace(c) || junk) {
                junk = true;
                if (kept.length() < MAX_KEPT) kept.append(c);
            }
        }
        if (junk) prologue.line(newlines + 1, kept.toString());
        lineOffset = newlines;
        midLine = false;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** Physical lines dropped before the document: file line = parser line + offset. */
    long lineOffset() {
        return lineOffset;
    }

    /** The 1-based line of the next character to be read. */
    long line() {
        return newlines + 1;
    }

    /** True once {@code </valgrindoutput>} has been passed to the parser. */
    boolean stopped() {
        return stopped;
    }

    /** The line of the first {@code </valgrindoutput>}, or 0. */
    long rootEndLine() {
        return rootEndLine;
    }

    /** The line of a second {@code <?xml} declaration (a second document), or 0. */
    long secondDeclarationLine() {
        return secondDeclarationLine;
    }

    /** Characters replaced by U+FFFD because XML does not allow them. */
    long replaced() {
        return replaced;
    }

    /**
     * After the stop: the rest of the current line, then each following line (at most {@value #MAX_KEPT}
     * characters of it are returned; all are consumed). Null at the end of the input.
     */
    String readRestLine() throws IOException {
        if (pos >= lim && !fill()) return null;
        restLine = newlines + 1;
        StringBuilder sb = new StringBuilder();
        while (pos < lim || fill()) {
            char c = buf[pos++];
            count(c);
            if (c == '\n') break;
            if (sb.length() < MAX_KEPT && c != '\r') sb.append(c);
        }
        return sb.toString();
    }

    /** The line of the text last returned by {@link #readRestLine()}. */
    long restLine() {
        return restLine;
    }

    /** Reads (and counts) everything left. */
    void drain() throws IOException {
        if (!started) start();
        while (pos < lim || fill()) count(buf[pos++]);
    }

    /** Physical lines read so far; after {@link #drain()}, the lines of the whole input. */
    long lines() {
        return newlines + (midLine ? 1 : 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
