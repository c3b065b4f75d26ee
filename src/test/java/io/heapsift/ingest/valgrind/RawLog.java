package io.heapsift.ingest.valgrind;

import io.heapsift.event.LeakKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a valgrind log says about itself, read with plain regular expressions written from
 * formats.md (independent of the grammar): the LEAK SUMMARY and HEAP SUMMARY lines and the number of
 * loss records. The tests compare the parser's events with these numbers.
 */
record RawLog(List<Kind> leakSummary, List<long[]> heapSummaries, int lossRecords, int traceCallLines,
              int noLeaksLines) {

    record Kind(LeakKind kind, long bytes, long blocks) {
    }

    private static final String PFX = "^(?:>*(?:==|--|\\*\\*)(?:\\d\\d:\\d\\d:\\d\\d:\\d\\d\\.\\d{3} )?\\d+(?:==|--|\\*\\*) ?)?";
    private static final Pattern SUMMARY = Pattern.compile(PFX
            + "\\s*(definitely lost|indirectly lost|possibly lost|still reachable|suppressed): ([\\d,]+) bytes in ([\\d,]+) blocks$");
    private static final Pattern IN_USE = Pattern.compile(PFX + "\\s+in use at exit: ([\\d,]+) bytes in ([\\d,]+) blocks$");
    private static final Pattern TOTAL = Pattern.compile(PFX
            + "\\s+total heap usage: ([\\d,]+) allocs, ([\\d,]+) frees, ([\\d,]+) bytes allocated$");
    private static final Pattern RECORD = Pattern.compile(PFX + ".* blocks are .* in loss record .* of .*$");
    private static final Pattern CALL = Pattern.compile("^(?:>*--(?:\\d\\d:\\d\\d:\\d\\d:\\d\\d\\.\\d{3} )?\\d+-- )?[A-Za-z_]\\w*\\(.*\\)(?: = .*)?$");

    static RawLog read(Path p) throws IOException {
        List<Kind> kinds = new ArrayList<>();
        List<long[]> heap = new ArrayList<>();
        int records = 0, calls = 0, noLeaks = 0;
        long[] inUse = null;
        List<String> lines;
        try (java.io.InputStream in = io.heapsift.ingest.TraceInput.of(p).openStream(null)) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        for (String line : lines) {
            Matcher m;
            if ((m = SUMMARY.matcher(line)).matches()) {
                LeakKind k = LeakKind.fromValgrindText(m.group(1));
                kinds.add(new Kind(k, num(m.group(2)), num(m.group(3))));
            } else if ((m = IN_USE.matcher(line)).matches()) {
                inUse = new long[] {num(m.group(1)), num(m.group(2))};
            } else if ((m = TOTAL.matcher(line)).matches()) {
                heap.add(new long[] {inUse[0], inUse[1], num(m.group(1)), num(m.group(2)), num(m.group(3))});
            } else if (RECORD.matcher(line).matches()) {
                records++;
            } else if (CALL.matcher(line).matches() && line.contains("--")) {
                calls++;
            } else if (line.endsWith("All heap blocks were freed -- no leaks are possible")) {
                noLeaks++;
            }
        }
        return new RawLog(kinds, heap, records, calls, noLeaks);
    }

    static long lineCount(Path p) {
        try (java.io.InputStream in = io.heapsift.ingest.TraceInput.of(p).openStream(null)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    /** Sum over the log's LEAK SUMMARY lines (several with a fork) for one kind. */
    long[] summaryTotal(LeakKind k) {
        long bytes = 0, blocks = 0;
        for (Kind x : leakSummary) {
            if (x.kind == k) {
                bytes += x.bytes;
                blocks += x.blocks;
            }
        }
        return new long[] {bytes, blocks};
    }
}
