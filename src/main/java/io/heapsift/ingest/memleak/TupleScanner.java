package io.heapsift.ingest.memleak;

/**
 * Hand-written reader for the common -t tuple shape
 * {@code (b'comm', TID, CPU, b'flags', SEC.FRAC, b'MESSAGE')} with plain (escape-free) literals and one
 * of memleak's three messages. It accepts a strict subset of what the grammar accepts (numbers limited
 * so they always fit), and refuses everything else, which then goes through the grammar;
 * {@code TraceFastPathTest} proves both read every fixture line the same way.
 */
final class TupleScanner {

    /** Which message the last accepted line carried. */
    enum Kind { ENTER, EXIT, FREE }

    Kind kind;
    int tid;
    long timeNs;
    /** Size (ENTER, EXIT) or address (FREE). */
    long first;
    /** Result address (EXIT) or size (FREE). */
    long second;

    private String s;
    private int pos;

    /** Reads {@code line}; false if it is not exactly the common shape. */
    boolean scan(String line) {
        s = line;
        pos = 0;
        if (!literal() || !lit(", ")) return false;
        long t = dec(9);
        if (t < 0 || !lit(", ") || dec(9) < 0 || !lit(", ") || !literal() || !lit(", ")) return false;
        tid = (int) t;
        long sec = dec(9);
        if (sec < 0 || !lit(".")) return false;
        int f0 = pos;
        long frac = dec(9);
        if (frac < 0) return false;
        timeNs = sec * 1_000_000_000L + frac * POW10[9 - (pos - f0)];
        if (!lit(", b'")) return false;
        return message() && lit("')") && pos == s.length();
    }

    private boolean message() {
        if (lit("alloc entered, size = ")) {
            kind = Kind.ENTER;
            return (first = dec(19)) >= 0;
        }
        if (lit("alloc exited, size = ")) {
            kind = Kind.EXIT;
            return (first = dec(19)) >= 0 && lit(", result = ") && hex();
        }
        if (lit("free entered, address = ")) {
            kind = Kind.FREE;
            if (!hex()) return false;
            first = second;
            return lit(", size = ") && (second = dec(19)) >= 0;
        }
        return false;
    }

    /** {@code b'...'} without quotes or backslashes inside; the first one starts with "(". */
    private boolean literal() {
        if (pos == 0 && !lit("(")) return false;
        if (!lit("b'")) return false;
        for (int i = pos; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"') return false;
            if (c == '\'') {
                pos = i + 1;
                return true;
            }
        }
        return false;
    }

    private boolean lit(String w) {
        if (!s.startsWith(w, pos)) return false;
        pos += w.length();
        return true;
    }

    /** 1..max decimal digits (max 19 always fits an unsigned long), or -1. */
    private long dec(int max) {
        int start = pos;
        long v = 0;
        while (pos < s.length() && pos - start < max && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            v = v * 10 + (s.charAt(pos++) - '0');
        }
        if (pos == start || (pos < s.length() && Character.isDigit(s.charAt(pos)))) return -1;
        return v; // 19 digits never wrap past 2^64; values >= 2^63 come out negative and are refused
    }

    /** 1..16 lowercase hex digits into {@link #second}. */
    private boolean hex() {
        int start = pos;
        long v = 0;
        while (pos < s.length() && pos - start < 16) {
            int d = Character.digit(s.charAt(pos), 16);
            if (d < 0 || Character.isUpperCase(s.charAt(pos))) break;
            v = (v << 4) | d;
            pos++;
        }
        if (pos == start || (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0)) return false;
        second = v;
        return true;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};
}
