package io.heapsift.ingest.valgrindxml;

/**
 * Numbers as valgrind writes them in XML: plain ({@code <leakedbytes>56</leakedbytes>}), thousands-grouped
 * in the protocol-6 summaries ({@code %'lu}: {@code 1,173}), possibly followed by a delta
 * ({@code 48 (+8)}), or a regression-test placeholder ({@code ...}, {@code 0x........}).
 */
final class Numbers {

    /** Returned for a missing, placeholder or unreadable number. */
    static final long NONE = -1;

    private Numbers() {
    }

    /** The leading (comma-grouped) unsigned decimal, or {@link #NONE}. Values above 2^63-1 wrap like C's unsigned long. */
    static long count(String s) {
        if (s == null) return NONE;
        StringBuilder digits = new StringBuilder();
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
            else if (c != ',' || digits.length() == 0) break;
        }
        return unsigned(digits.toString(), 10);
    }

    /** A {@code 0x}-prefixed hexadecimal address, or 0 when absent or filtered ({@code 0x........}). */
    static long hex(String s) {
        if (s == null) return 0;
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
        long v = unsigned(t, 16);
        return v == NONE ? 0 : v;
    }

    /** A small int (thread id, pid, line), or {@code dflt}. */
    static int smallInt(String s, int dflt) {
        long v = count(s);
        return v < 0 || v > Integer.MAX_VALUE ? dflt : (int) v;
    }

    private static long unsigned(String digits, int radix) {
        if (digits.isEmpty()) return NONE;
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            return NONE; // more than 64 bits: not a number valgrind can print
        }
    }
}
