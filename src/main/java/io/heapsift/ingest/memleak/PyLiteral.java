package io.heapsift.ingest.memleak;

/**
 * Decodes the Python {@code repr()} of a str or bytes value ({@code b'...'}, {@code '...'},
 * {@code b"..."}), as memleak prints them in {@code -t} tuples and in the bcc &lt; 0.10 one-line stacks.
 */
final class PyLiteral {

    private PyLiteral() {
    }

    /** The value of a literal the grammar's BSTR token matched; never throws. */
    static String unquote(String literal) {
        int start = literal.startsWith("b") ? 2 : 1;
        int end = literal.length() - 1;
        if (end < start) return "";
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = literal.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                sb.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'x' -> i = hex(literal, i, end, sb);
                default -> sb.append(e); // \\ \' \" and anything unknown keep the escaped character
            }
        }
        return sb.toString();
    }

    /** Appends the character of a {@code \xHH} escape whose 'x' is at {@code i}; returns the last index used. */
    private static int hex(String s, int i, int end, StringBuilder sb) {
        if (i + 2 < end) {
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi >= 0 && lo >= 0) {
                sb.append((char) (hi * 16 + lo));
                return i + 2;
            }
        }
        sb.append('x');
        return i;
    }
}
