package io.heapsift.event;

/**
 * One stack frame as the tool printed it. Nothing is guessed: a frame the tool printed as
 * {@code [unknown]} keeps {@code function = "[unknown]"}.
 *
 * @param function function or symbol name (demangled if the tool demangled it), or {@link #UNKNOWN_FUNCTION}
 * @param offset   offset into the function ({@code +0x18}), or -1
 * @param module   object/module name or path as printed ({@code libc.so.6}, {@code /usr/lib/...}), or null
 * @param file     source file, or null
 * @param fileLine source line, or 0
 * @param ip       instruction pointer, or 0 when not printed
 */
public record Frame(String function, long offset, String module, String file, int fileLine, long ip) {

    /** What a frame without a symbol is called. */
    public static final String UNKNOWN_FUNCTION = "[unknown]";

    public Frame {
        if (function == null || function.isEmpty()) function = UNKNOWN_FUNCTION;
    }

    /** A frame with just a function name. */
    public static Frame of(String function) {
        return new Frame(function, -1, null, null, 0, 0);
    }

    /** A frame with a function and a module. */
    public static Frame of(String function, String module) {
        return new Frame(function, -1, module, null, 0, 0);
    }

    /** True if the tool gave no symbol for this frame. */
    public boolean isUnknown() {
        return UNKNOWN_FUNCTION.equals(function) || "???".equals(function);
    }

    /** Human-readable form: {@code fn+0x18 [module] (file:line)}. */
    public String display() {
        StringBuilder sb = new StringBuilder(function);
        if (offset >= 0) sb.append("+0x").append(Long.toHexString(offset));
        if (module != null) sb.append(" [").append(module).append(']');
        if (file != null) {
            sb.append(" (").append(file);
            if (fileLine > 0) sb.append(':').append(fileLine);
            sb.append(')');
        }
        return sb.toString();
    }

    /** The stable key used by baselines and folded output: function name only, or the module when unknown. */
    public String key() {
        if (isUnknown() && module != null) return "[" + module + "]";
        return function;
    }
}
