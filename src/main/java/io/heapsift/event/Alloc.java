package io.heapsift.event;

/**
 * A successful or failed allocation call.
 *
 * @param size      requested bytes (for calloc: nmemb × size); {@link TraceEvent#NO_SIZE} if unknown
 * @param address   returned pointer, 0 for a failed call, {@link TraceEvent#NO_ADDRESS} if not shown
 * @param alignment requested alignment for the memalign family / aligned new, else 0
 * @param stack     allocation stack, innermost frame first; {@link Stack#EMPTY} when the tool gives none
 */
public record Alloc(long line, long timeNs, int tid, AllocKind kind, long size, long address, long alignment,
                    Stack stack) implements TraceEvent {
    public Alloc {
        if (stack == null) stack = Stack.EMPTY;
    }

    /** True if the call returned NULL. */
    public boolean failed() {
        return address == 0;
    }
}
