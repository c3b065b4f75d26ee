package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Frame;

/**
 * One {@code ustack(perf)} frame as bpftrace 0.17 prints it ({@code BPFtrace::get_stack} /
 * {@code resolve_usym}): {@code \t<hex ip> <symbol>+<decimal offset> (<module path>)}, or for an
 * address no symbol covers {@code \t<hex ip> 0x<hex ip> ([unknown])}. The symbol is demangled and may
 * contain spaces, parentheses and {@code +} ({@code operator+=}), so the module is the LAST
 * {@code " ("…")"} group and the offset the last {@code +digits} before it.
 */
final class FrameText {

    private static final String UNKNOWN_MODULE = "[unknown]";

    private FrameText() {
    }

    /**
     * @param ipHex  the hex digits after the tab
     * @param symbol the rest of the line, stripped ("" when bpftrace printed nothing)
     */
    static Frame parse(String ipHex, String symbol) {
        long ip = hex(ipHex);
        String name = symbol;
        String module = null;
        int open = symbol.lastIndexOf(" (");
        if (symbol.endsWith(")") && open >= 0) {
            module = symbol.substring(open + 2, symbol.length() - 1);
            name = symbol.substring(0, open);
        }
        if (UNKNOWN_MODULE.equals(module)) module = null;
        long offset = -1;
        int plus = name.lastIndexOf('+');
        if (plus > 0 && plus < name.length() - 1 && digits(name, plus + 1)) {
            offset = Long.parseLong(name.substring(plus + 1));
            name = name.substring(0, plus);
        }
        if (name.isEmpty() || name.startsWith("0x") && hex(name.substring(2)) == ip) name = Frame.UNKNOWN_FUNCTION;
        return new Frame(name, offset, module, null, 0, ip);
    }

    private static boolean digits(String s, int from) {
        if (s.length() - from > 18) return false; // keeps Long.parseLong safe
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    /** An instruction pointer in hex without 0x, 0 if it is not a valid unsigned 64-bit number. */
    static long hexIp(String s) {
        return hex(s);
    }

    private static long hex(String s) {
        if (s.isEmpty() || s.length() > 16) return 0;
        try {
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
