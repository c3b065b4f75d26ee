package io.heapsift.ingest.ltrace;

/**
 * Reads the numbers ltrace prints as arguments and return values: decimal (unsigned up to
 * 2^64-1, or negative), hex {@code 0x...}, and the spellings of NULL ({@code 0} in 0.7.3 for
 * {@code addr}, {@code nil} for pointers and everywhere after 0.7.3, {@code NULL} in ltrace ≤ 0.6,
 * {@code (nil)} from {@code %p}). Values are unsigned 64-bit held in a {@code long}.
 */
final class Values {

    private Values() {
    }

    /** True if {@code text} is one of the spellings of a NULL pointer. */
    static boolean isNull(String text) {
        return text.equals("0") || text.equals("nil") || text.equals("NULL") || text.equals("(nil)");
    }

    /** True if {@link #parse} would succeed. */
    static boolean isNumber(String text) {
        if (text == null || text.isEmpty()) return false;
        if (isNull(text)) return true;
        if (text.startsWith("0x")) return hexDigits(text, 2) && text.length() - 2 <= 16 && text.length() > 2;
        int from = text.startsWith("-") ? 1 : 0;
        if (from == text.length()) return false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        if (from == 1) return fitsSigned(text);
        return fitsUnsigned(text);
    }

    /** The value of {@code text}; call only when {@link #isNumber} said yes. */
    static long parse(String text) {
        if (isNull(text)) return 0;
        if (text.startsWith("0x")) return Long.parseUnsignedLong(text.substring(2), 16);
        if (text.startsWith("-")) return Long.parseLong(text);
        return Long.parseUnsignedLong(text);
    }

    private static boolean hexDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    private static boolean fitsUnsigned(String digits) {
        String d = stripZeros(digits, 0);
        return d.length() < 20 || (d.length() == 20 && d.compareTo("18446744073709551615") <= 0);
    }

    private static boolean fitsSigned(String text) {
        String d = stripZeros(text, 1);
        return d.length() < 19 || (d.length() == 19 && d.compareTo("9223372036854775808") <= 0);
    }

    private static String stripZeros(String s, int from) {
        int i = from;
        while (i < s.length() - 1 && s.charAt(i) == '0') i++;
        return s.substring(i);
    }

    /** Unsigned {@code a * b}, or -1 (all bits set) when the product does not fit in 64 bits. */
    static long multiplyUnsigned(long a, long b) {
        if (a == 0 || b == 0) return 0;
        if (Long.compareUnsigned(b, Long.divideUnsigned(-1L, a)) > 0) return -1L;
        return a * b;
    }
}
