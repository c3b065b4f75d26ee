package io.heapsift.gate;

import io.heapsift.event.LeakKind;
import io.heapsift.event.Stack;

/**
 * What one stack leaves behind in one trace: the rows of the table with the same stable key and kind, summed.
 *
 * @param key       the stable stack key ({@link StackKeys#key})
 * @param kind      valgrind's leak kind, or null when the input has no kinds (outstanding at the end; the gate
 *                  counts it as definitely lost)
 * @param bytes     bytes (leak reports: direct bytes)
 * @param blocks    blocks
 * @param line      input line of the leak record, or of the first allocation from this stack (0 if unknown)
 * @param stack     the first row's stack, for display and suppression matching
 * @param growthBytesPerSecond the analysis' growth rate of the stack (the fitted slope in bytes per second of a stack
 *                  labelled growing, summed over the rows merged into this leak), or NaN when it is not growing or
 *                  the input cannot tell
 */
public record Leak(String key, LeakKind kind, long bytes, long blocks, long line, Stack stack,
                   double growthBytesPerSecond) {

    /** The kind whose limits apply: inputs without kinds count as definitely lost. */
    public LeakKind effectiveKind() {
        return kind == null ? LeakKind.DEFINITE : kind;
    }

    /** The kind's name in files and JSON: definite, indirect, possible, reachable, or "outstanding". */
    public String kindName() {
        return kind == null ? "outstanding" : kind.jsonName();
    }

    /** How messages call this leak's bytes: "definitely lost bytes", "outstanding bytes at the end". */
    public String wording() {
        return kind == null ? "outstanding (never freed) bytes" : kind.valgrindText() + " bytes";
    }

    /** The stack for people: program frames, innermost first. */
    public String display() {
        return StackKeys.display(stack);
    }
}
