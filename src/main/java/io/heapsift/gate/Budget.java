package io.heapsift.gate;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;

import java.util.regex.Pattern;

/**
 * A per-stack budget: the leaks whose stack has a frame whose function matches {@code frame} (valgrind
 * wildcards {@code *} and {@code ?}) may hold up to {@code maxBytes} and {@code maxBlocks} (each trace; null =
 * no limit). Stacks a budget selects are judged by the budget instead of the per-stack leak limits.
 */
public record Budget(String frame, Long maxBytes, Long maxBlocks, Pattern glob) {

    public static Budget of(String frame, Long maxBytes, Long maxBlocks) {
        return new Budget(frame, maxBytes, maxBlocks, Glob.compile(frame));
    }

    public boolean selects(Stack stack) {
        for (Frame f : stack.frames()) {
            if (glob.matcher(f.function()).matches() || glob.matcher(StackKeys.name(f)).matches()) return true;
        }
        return false;
    }
}
