package io.heapsift.ingest.valgrind;

import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.valgrind.ValgrindParser.KnownNumberContext;
import io.heapsift.grammar.valgrind.ValgrindParser.NumberContext;
import io.heapsift.grammar.valgrind.ValgrindParser.QuantityContext;
import org.antlr.v4.runtime.Token;

/**
 * Numbers as valgrind prints them: unsigned 64-bit decimals (sizes like {@code 18446744073709551615}
 * are kept as the same bits in a long), thousands-grouped counts ({@code 1,414}), {@code %p} pointers
 * ({@code 0x4A41240}, {@code 0x0}), and the values the regression-test filter hides
 * ({@code ...}, {@code x}, {@code 0x........}) which read as {@link TraceEvent#NO_SIZE} / {@link TraceEvent#NO_ADDRESS}.
 */
final class Numbers {

    private Numbers() {
    }

    /** A plain decimal; {@code column} is 1-based, for the message if it does not fit 64 bits. */
    static long decimal(String digits, int column) {
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new BadLine(column, "number out of range", digits + " does not fit in 64 bits");
        }
    }

    static long decimal(Token t) {
        return decimal(t.getText(), t.getCharPositionInLine() + 1);
    }

    /** A {@code 0x} pointer; the masked form {@code 0x........} is {@link TraceEvent#NO_ADDRESS}. */
    static long pointer(Token t) {
        String s = t.getText();
        if (s.charAt(2) == '.') return TraceEvent.NO_ADDRESS;
        String hex = s.substring(2);
        if (hex.length() > 16) {
            throw new BadLine(t.getCharPositionInLine() + 1, "number out of range", s + " does not fit in 64 bits");
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    /** A count, possibly grouped by commas; hidden values are {@link TraceEvent#NO_SIZE}. */
    static long count(NumberContext n) {
        if (!(n instanceof KnownNumberContext k)) return TraceEvent.NO_SIZE;
        Token first = k.getStart();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < k.DIGITS().size(); i++) {
            String group = k.DIGITS(i).getText();
            if (i > 0 && group.length() != 3) {
                throw new BadLine(k.DIGITS(i).getSymbol().getCharPositionInLine() + 1, "malformed number",
                        "digit group '" + group + "' in " + k.getText());
            }
            digits.append(group);
        }
        return decimal(digits.toString(), first.getCharPositionInLine() + 1);
    }

    /** The current value of a quantity; the printed change ({@code (+N)}) is not kept. */
    static long count(QuantityContext q) {
        return count(q.number());
    }

    /** A record number, which must fit an int. */
    static int index(NumberContext n) {
        long v = count(n);
        if (v == TraceEvent.NO_SIZE) return 0;
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new BadLine(n.getStart().getCharPositionInLine() + 1, "number out of range", n.getText());
        }
        return (int) v;
    }

    /** nmemb × size as glibc computes it, or {@link TraceEvent#NO_SIZE} if it overflows 64 bits. */
    static long product(long a, long b) {
        if (a == 0 || b == 0) return 0;
        if (Long.compareUnsigned(b, Long.divideUnsigned(-1L, a)) > 0) return TraceEvent.NO_SIZE;
        return a * b;
    }
}
