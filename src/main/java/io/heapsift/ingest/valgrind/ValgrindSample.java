package io.heapsift.ingest.valgrind;

import io.heapsift.ingest.Sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the head of an input looks like to the valgrind text formats (formats.md §9): how many lines
 * carry a valgrind prefix, how many are trace-malloc calls, and whether memcheck's own sentences
 * appear in a prefix-less regression-test file. Regular expressions only: probing must be cheap and
 * must never throw.
 */
record ValgrindSample(boolean xml, int prefixed, int nonBlank, int traceCalls, int otherValgrind, int markers,
                      boolean banner, boolean timeStamped) {

    private static final Pattern PREFIX =
            Pattern.compile("^>*(==|--|\\*\\*)((\\d\\d:\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) )?\\d+\\1 ?(.*)$");
    /** A call as valgrind prints it: known name, its argument syntax, " = " + UPPERCASE %p or a decimal. */
    private static final Pattern CALL = Pattern.compile(
            "^([A-Za-z_]\\w*)\\(((?:0x[0-9A-F.]+|\\d+|size \\d+|al \\d+|alignment \\d+)"
                    + "(?:, ?(?:0x[0-9A-F.]+|\\d+|size \\d+|al \\d+|alignment \\d+))*)?\\)"
                    + "(?:[A-Za-z_]\\w*\\(.*)?(?: = (?:0x[0-9A-F.]+|\\d+))?(?:[A-Z].*)?$");
    private static final Pattern MARKER = Pattern.compile(
            "^(?:\\S.* bytes in \\S+ blocks are (?:definitely|indirectly|possibly) lost in (?:new )?loss record .*"
                    + "|\\S.* bytes in \\S+ blocks are still reachable in (?:new )?loss record .*"
                    + "|HEAP SUMMARY:|LEAK SUMMARY:|ERROR SUMMARY: \\d+ errors from .*"
                    + "|All heap blocks were freed -- no leaks are possible"
                    + "|(?:at|by) 0x[0-9A-F.]+: .*)$");

    static ValgrindSample of(Sample sample) {
        boolean xml = false, banner = false, stamped = false;
        int prefixed = 0, nonBlank = 0, calls = 0, other = 0, markers = 0;
        for (String line : sample.lines()) {
            if (line.isBlank()) continue;
            nonBlank++;
            if (line.startsWith("<?xml") || line.startsWith("<valgrindoutput")) xml = true;
            Matcher m = PREFIX.matcher(line);
            if (m.matches()) {
                prefixed++;
                stamped |= m.group(3) != null;
                String body = m.group(4);
                banner |= body.startsWith("Memcheck, a memory error detector") || body.startsWith("Using Valgrind-");
                if (m.group(1).equals("--") && isCall(body)) calls++;
                else if (!body.isBlank()) other++;
            } else if (isCall(line)) {
                calls++;
            } else if (MARKER.matcher(line.strip()).matches()) {
                markers++;
            }
        }
        return new ValgrindSample(xml, prefixed, nonBlank, calls, other + markers, markers, banner, stamped);
    }

    private static boolean isCall(String body) {
        Matcher m = CALL.matcher(body);
        return m.matches() && TraceFunction.of(m.group(1)) != TraceFunction.UNKNOWN;
    }

    /** Looks like valgrind text at all (not XML). */
    boolean isValgrindText() {
        if (xml) return false;
        if (prefixed > 0) return banner || prefixed * 3 >= nonBlank || traceCalls > 0;
        return traceCalls > 0 || markers > 0;
    }

    /** Trace-malloc call lines dominate the other valgrind lines. */
    boolean traceDominates() {
        return traceCalls > 0 && traceCalls >= otherValgrind;
    }

    /** The confidence for one of the two ids: high for the right one, low for the other. */
    int score(boolean forTraceMalloc) {
        if (!isValgrindText()) return 0;
        boolean mine = forTraceMalloc == traceDominates();
        if (!mine) return 20;
        return prefixed > 0 ? 95 : 70;
    }
}
