package io.heapsift.event;

/**
 * A deallocation call.
 *
 * @param address freed pointer (0 = free(NULL), a no-op)
 * @param size    size the tool printed with the free (sized delete, memleak -t), else {@link TraceEvent#NO_SIZE}
 * @param stack   stack of the free call, {@link Stack#EMPTY} when unknown
 */
public record Free(long line, long timeNs, int tid, FreeKind kind, long address, long size, Stack stack)
        implements TraceEvent {
    public Free {
        if (stack == null) stack = Stack.EMPTY;
    }
}
