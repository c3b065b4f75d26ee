package io.heapsift.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads LeakSanitizer suppression files: one {@code type:pattern} a line, {@code #} comments. Only
 * {@code leak:} lines apply to leaks; other sanitizer types ({@code interceptor_via_fun:}, {@code race:}, ...)
 * are an error here, so that a file meant for another tool is not silently taken as "no suppressions".
 */
public final class LsanFileParser {

    private LsanFileParser() {
    }

    public static List<LsanSuppression> parse(String text, String file) throws GateConfigException {
        List<LsanSuppression> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (!t.startsWith("leak:")) {
                throw new GateConfigException(file, i + 1, 1, "not a LeakSanitizer leak suppression (expected "
                        + "'leak:PATTERN' or a valgrind '{ ... }' block): " + t);
            }
            String pattern = t.substring(5).trim();
            if (pattern.isEmpty()) throw new GateConfigException(file, i + 1, 6, "empty leak: pattern");
            out.add(LsanSuppression.of(pattern, file + ":" + (i + 1)));
        }
        return out;
    }
}
