package io.heapsift.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One capture file, transparently decompressed. Can be opened several times (once to sniff, once to
 * parse). Read errors inside a compressed stream (a truncated .gz) end the stream early and are
 * reported through the {@link Diagnostics} as a skipped, positioned tail — never as a stack trace.
 */
public final class TraceInput {

    /** Lines of the head given to {@link TraceFormat#probe}. */
    public static final int SAMPLE_LINES = 400;
    private static final int SAMPLE_BYTES = 256 * 1024;

    private final Path path;
    private final String name;
    private final Compression compression;
    private final long size;

    private TraceInput(Path path, String name, Compression compression, long size) {
        this.path = path;
        this.name = name;
        this.compression = compression;
        this.size = size;
    }

    /** Opens a file, checking it is readable and sniffing its compression. */
    public static TraceInput of(Path path) throws TraceInputException {
        String name = path.toString();
        try {
            if (Files.isDirectory(path)) throw new TraceInputException(name, "is a directory, not a trace file");
            long size = Files.size(path);
            byte[] head = new byte[8];
            int n;
            try (InputStream in = Files.newInputStream(path)) {
                n = in.readNBytes(head, 0, head.length);
            }
            return new TraceInput(path, name, Compression.sniff(head, n), size);
        } catch (NoSuchFileException e) {
            throw new TraceInputException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new TraceInputException(name, "permission denied");
        } catch (TraceInputException e) {
            throw e;
        } catch (IOException e) {
            throw new TraceInputException(name, "cannot read: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    /** The name used in messages (the path as given). */
    public String name() {
        return name;
    }

    public Compression compression() {
        return compression;
    }

    /** Size of the file on disk (compressed size for compressed files). */
    public long size() {
        return size;
    }

    /**
     * Opens the decompressed content. A decompression error ends the stream; it is recorded in
     * {@code diag} (if not null) as a skipped tail.
     */
    public InputStream openStream(Diagnostics diag) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        InputStream in = compression == Compression.NONE ? raw : new Guard(compression.wrap(raw), diag, compression);
        return in;
    }

    /** Opens the decompressed content as lines, accounted in {@code diag}. */
    public LineReader lines(Diagnostics diag) throws IOException {
        return new LineReader(openStream(diag), diag);
    }

    /** Reads the head of the decompressed content for format detection. */
    public Sample sample() throws IOException {
        Diagnostics scratch = new Diagnostics(name);
        List<String> lines = new ArrayList<>();
        try (InputStream in = openStream(null)) {
            byte[] head = in.readNBytes(SAMPLE_BYTES);
            LineReader r = new LineReader(new java.io.ByteArrayInputStream(head), scratch);
            String l;
            while (lines.size() < SAMPLE_LINES && (l = r.next()) != null) lines.add(l);
            if (head.length > 0 && isBinary(head)) {
                throw new TraceInputException(name, "binary data, not a text capture"
                        + (compression == Compression.NONE ? "" : " (after " + compression.name().toLowerCase() + " decompression)"));
            }
        }
        return new Sample(name, lines);
    }

    /** More than 1% NUL or control bytes in the head means this is not text. */
    private static boolean isBinary(byte[] head) {
        int bad = 0;
        for (byte raw : head) {
            int b = raw & 0xff; // bytes >= 0x80 are UTF-8 sequences, not control bytes
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x1b && b != '\f' && b != 0x0b)) bad++;
        }
        return bad > head.length / 100;
    }

    /** Turns a corrupt or truncated compressed stream into an early end, with a diagnostic. */
    private static final class Guard extends FilterInputStream {
        private final Diagnostics diag;
        private final Compression compression;
        private boolean failed;

        Guard(InputStream in, Diagnostics diag, Compression compression) {
            super(in);
            this.diag = diag;
            this.compression = compression;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failed) return -1;
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                return fail("truncated " + compression.name().toLowerCase() + " stream (the file ends mid-stream)");
            } catch (IOException e) {
                return fail("corrupt " + compression.name().toLowerCase() + " stream: " + e.getMessage());
            }
        }

        private int fail(String message) {
            failed = true;
            if (diag != null) {
                // the unreadable tail counts as one skipped line, so lines == recognized + skipped holds
                diag.countLine();
                diag.skip(diag.lines(), 0, "unreadable compressed data", message);
            }
            return -1;
        }
    }
}
