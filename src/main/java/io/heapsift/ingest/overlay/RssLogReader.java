package io.heapsift.ingest.overlay;

import io.heapsift.event.RssSample;
import io.heapsift.event.TraceEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sampled RSS log. Two shapes:
 * <ul>
 *   <li>periodic {@code /proc/PID/status} dumps: {@code VmRSS:  123456 kB} lines; a timestamp (epoch seconds, with
 *       or without fraction) may start the VmRSS line or stand alone on a line before it
 *       ({@code date +%s.%N; grep VmRSS /proc/PID/status});</li>
 *   <li>{@code ps -o rss} output, optionally with elapsed time first ({@code ps -o etimes=,rss=} or
 *       {@code ps -o etime,rss}): a header line with RSS, then KiB per line.</li>
 * </ul>
 * Samples without any timestamp get {@link TraceEvent#NO_TIME}.
 */
public final class RssLogReader {

    private static final Pattern VMRSS = Pattern.compile("^\\s*(?:(\\d+(?:\\.\\d+)?)\\s+)?VmRSS:\\s*(\\d+)\\s*kB\\s*$");
    private static final Pattern STAMP = Pattern.compile("^\\s*(\\d{9,}(?:\\.\\d+)?)\\s*$");
    private static final Pattern PS = Pattern.compile("^\\s*(?:([\\d:.-]+)\\s+)?(\\d+)\\s*$");

    private RssLogReader() {
    }

    /** The samples in file order; an IOException names the file and line for a file that is neither shape. */
    public static List<RssSample> read(Path file) throws IOException {
        List<RssSample> out = new ArrayList<>();
        long pendingTime = TraceEvent.NO_TIME;
        boolean ps = false, status = false;
        long lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                Matcher m = VMRSS.matcher(line);
                if (m.matches()) {
                    status = true;
                    long t = m.group(1) != null ? seconds(m.group(1)) : pendingTime;
                    out.add(new RssSample(lineNo, t, Long.parseLong(m.group(2)) * 1024));
                    pendingTime = TraceEvent.NO_TIME;
                    continue;
                }
                Matcher s = STAMP.matcher(line);
                if (s.matches() && !ps) {
                    pendingTime = seconds(s.group(1));
                    continue;
                }
                if (line.matches("(?i)^\\s*(\\S+\\s+)?RSS\\s*$")) {
                    ps = true;
                    continue;
                }
                Matcher p = PS.matcher(line);
                if (!status && p.matches()) {
                    ps = true;
                    long t = p.group(1) == null ? TraceEvent.NO_TIME : elapsed(p.group(1));
                    out.add(new RssSample(lineNo, t, Long.parseLong(p.group(2)) * 1024));
                }
                // other lines of /proc/PID/status (VmSize, Threads, ...) are expected and ignored
            }
        }
        if (out.isEmpty()) throw new IOException(file + ": no VmRSS lines or ps RSS column found");
        return out;
    }

    private static long seconds(String s) {
        return Math.round(Double.parseDouble(s) * 1e9);
    }

    /** ps elapsed time: seconds, or [[dd-]hh:]mm:ss. */
    static long elapsed(String s) {
        if (s.matches("\\d+(\\.\\d+)?")) return seconds(s);
        long days = 0;
        int dash = s.indexOf('-');
        if (dash > 0) {
            days = Long.parseLong(s.substring(0, dash));
            s = s.substring(dash + 1);
        }
        long total = 0;
        for (String part : s.split(":")) {
            if (!part.matches("\\d+")) return TraceEvent.NO_TIME;
            total = total * 60 + Long.parseLong(part);
        }
        return (days * 86400 + total) * 1_000_000_000L;
    }
}
