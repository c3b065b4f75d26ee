package io.heapsift.event;

/**
 * A non-leak error the capture tool reported (valgrind "Invalid free()", "Mismatched free()", ...).
 *
 * @param kind a short stable id (valgrind XML kind names: InvalidFree, MismatchedFree, ...)
 * @param what the tool's sentence
 */
public record ToolError(long line, String kind, String what, Stack stack) implements TraceEvent {
    public ToolError {
        if (stack == null) stack = Stack.EMPTY;
    }
}
