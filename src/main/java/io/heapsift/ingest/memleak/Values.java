package io.heapsift.ingest.memleak;

import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number conversions for memleak lines. Sizes, counts and addresses are unsigned 64-bit values kept
 * in a {@code long}; anything that does not fit is a {@link BadValue} positioned at its token, which
 * the builder turns into a counted skip.
 */
final class Values {

    private Values() {
    }

    /** A value on a syntactically valid line that cannot be represented; the builder skips the line. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;
        final String reason;

        BadValue(Token at, String reason, String detail) {
            this(at == null ? 1 : at.getCharPositionInLine() + 1, reason, detail);
        }

        BadValue(int column, String reason, String detail) {
            super(detail, null, false, false);
            this.column = column;
            this.reason = reason;
        }
    }

    /** Unsigned 64-bit decimal. */
    static long dec(Token t) throws BadValue {
        try {
            return Long.parseUnsignedLong(t.getText());
        } catch (NumberFormatException e) {
            throw new BadValue(t, "number out of range", "'" + t.getText() + "' does not fit in 64 bits");
        }
    }

    /** Non-negative int (pids, tids, cpu numbers, "Top N"). */
    static int decInt(Token t) throws BadValue {
        long v;
        try {
            v = Long.parseLong(t.getText());
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new BadValue(t, "number out of range", "'" + t.getText() + "' is not a valid count or id");
        }
        return (int) v;
    }

    /** Unsigned 64-bit hexadecimal, with or without a 0x prefix. */
    static long hex(Token t) throws BadValue {
        String s = t.getText();
        String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            throw new BadValue(t, "number out of range", "'" + s + "' does not fit in 64 bits");
        }
    }

    /** Seconds as Python prints a float ("427.84122", "0.0", "1.5e+16") to nanoseconds. */
    static long secondsToNs(Token t) throws BadValue {
        String s = t.getText();
        int dot = s.indexOf('.');
        if (dot > 0 && dot <= 10 && s.indexOf('e') < 0 && s.indexOf('E') < 0 && s.length() - dot - 1 <= 9) {
            long whole = Long.parseLong(s.substring(0, dot));
            String frac = s.substring(dot + 1);
            long ns = frac.isEmpty() ? 0 : Long.parseLong(frac) * POW10[9 - frac.length()];
            return whole * 1_000_000_000L + ns;
        }
        try {
            return new BigDecimal(s).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new BadValue(t, "number out of range", "timestamp '" + s + "' does not fit in 64-bit nanoseconds");
        }
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};
}
