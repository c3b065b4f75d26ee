package io.heapsift.replay;

import io.heapsift.model.MallInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a workload's ground-truth file {@code <name>.<tool>.mallinfo.tsv}: one row per checkpoint,
 * {@code seq label arena ordblks smblks hblks hblkhd uordblks fordblks fsmblks keepcost rss_kb vmdata_kb},
 * tab-separated, with an optional header line and {@code #} comments.
 */
public final class MallinfoTsv {

    private static final int COLUMNS = 13;

    private MallinfoTsv() {
    }

    /** The ground-truth file next to a trace: {@code x.bpftrace.txt[.gz]} → {@code x.bpftrace.mallinfo.tsv}, or null. */
    public static Path besides(Path trace) {
        String name = trace.getFileName().toString();
        for (String ext : new String[] {".gz", ".zst", ".xz", ".bz2"}) {
            if (name.endsWith(ext)) name = name.substring(0, name.length() - ext.length());
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path dir = trace.toAbsolutePath().getParent();
        Path p = dir.resolve(base + ".mallinfo.tsv");
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Parses the file.
     *
     * @throws MallinfoFormatException with the line number for a malformed row
     */
    public static List<MallinfoRow> read(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) raw = new GZIPInputStream(raw);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            return parse(in, file.getFileName().toString());
        }
    }

    static List<MallinfoRow> parse(BufferedReader in, String name) throws IOException {
        List<MallinfoRow> rows = new ArrayList<>();
        String s;
        int n = 0;
        while ((s = in.readLine()) != null) {
            n++;
            if (s.isBlank() || s.startsWith("#")) continue;
            String[] f = s.split("\t", -1);
            if (f.length < COLUMNS) {
                throw new MallinfoFormatException(name + ":" + n + ": expected " + COLUMNS + " tab-separated columns "
                        + "(seq label arena ordblks smblks hblks hblkhd uordblks fordblks fsmblks keepcost rss_kb "
                        + "vmdata_kb), found " + f.length);
            }
            if (n == 1 && !f[0].trim().matches("\\d+")) continue; // header
            try {
                long[] v = new long[COLUMNS];
                for (int i = 0; i < COLUMNS; i++) if (i != 1) v[i] = Long.parseUnsignedLong(f[i].trim());
                MallInfo m = new MallInfo(v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
                rows.add(new MallinfoRow(v[0], f[1], m, v[11] * 1024, v[12] * 1024));
            } catch (NumberFormatException e) {
                throw new MallinfoFormatException(name + ":" + n + ": not a number: " + e.getMessage());
            }
        }
        return rows;
    }

    /** A malformed ground-truth file. */
    public static final class MallinfoFormatException extends IOException {
        public MallinfoFormatException(String message) {
            super(message);
        }
    }
}
