package io.heapsift.event;

/**
 * One outstanding block listed by memleak {@code -a}. The Python tool does not say which stack the
 * block belongs to ({@link Stack#EMPTY}); libbpf-tools lists it under its stack.
 */
public record SnapshotAddress(long line, long address, long size, Stack stack) implements TraceEvent {
    public SnapshotAddress {
        if (stack == null) stack = Stack.EMPTY;
    }
}
