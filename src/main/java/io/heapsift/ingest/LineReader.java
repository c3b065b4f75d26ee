package io.heapsift.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;

/**
 * Streams lines from a byte stream with constant memory: {@code \n} or {@code \r\n} line ends,
 * UTF-8 with invalid bytes replaced. Lines longer than {@link #maxLineBytes} and lines containing NUL
 * bytes (binary data) are not returned: they are counted as skipped in the {@link Diagnostics} with
 * their line number. Every physical line is counted.
 */
public final class LineReader implements Closeable {

    /** Default limit for one line: 1 MiB. */
    public static final int DEFAULT_MAX_LINE = 1 << 20;

    private final InputStream in;
    private final Diagnostics diag;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLen;
    private long lineNumber;
    private boolean eof;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

    public LineReader(InputStream in, Diagnostics diag) {
        this(in, diag, DEFAULT_MAX_LINE);
    }

    public LineReader(InputStream in, Diagnostics diag, int maxLineBytes) {
        this.in = in;
        this.diag = diag;
        this.maxLineBytes = maxLineBytes;
    }

    /** 1-based number of the line last returned by {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Returns the next usable line without its line end, or null at end of input. */
    public String next() throws IOException {
        while (true) {
            int r = readRaw();
            if (r < 0) return null;
            lineNumber++;
            diag.countLine();
            if (r == TOO_LONG) {
                diag.skip(lineNumber, 1, "line too long", "longer than " + maxLineBytes + " bytes");
                continue;
            }
            if (hasNul()) {
                diag.skip(lineNumber, 1, "binary data", "NUL bytes in a text line");
                continue;
            }
            return decode();
        }
    }

    private static final int TOO_LONG = 2;

    /** Reads one physical line into {@code line}; returns -1 at EOF, 1 normally, TOO_LONG if truncated. */
    private int readRaw() throws IOException {
        lineLen = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!any) return -1;
                    break;
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl >= 0 ? nl : limit;
            int n = end - start;
            if (!tooLong) {
                if (lineLen + n > maxLineBytes) {
                    tooLong = true;
                } else {
                    append(start, n);
                }
            }
            pos = nl >= 0 ? nl + 1 : limit;
            if (nl >= 0) break;
        }
        if (tooLong) return TOO_LONG;
        if (lineLen > 0 && line[lineLen - 1] == '\r') lineLen--;
        return 1;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int start, int n) {
        if (lineLen + n > line.length) {
            int cap = Math.max(line.length * 2, lineLen + n);
            line = java.util.Arrays.copyOf(line, cap);
        }
        System.arraycopy(buf, start, line, lineLen, n);
        lineLen += n;
    }

    private boolean hasNul() {
        for (int i = 0; i < lineLen; i++) {
            if (line[i] == 0) return true;
        }
        return false;
    }

    private String decode() {
        boolean ascii = true;
        for (int i = 0; i < lineLen; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(line, 0, lineLen, StandardCharsets.ISO_8859_1);
        try {
            CharBuffer cb = decoder.reset().decode(ByteBuffer.wrap(line, 0, lineLen));
            return cb.toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(line, 0, lineLen, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
