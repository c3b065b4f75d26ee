package io.heapsift.event;

/**
 * One "N bytes in M allocations from stack" group of a snapshot.
 *
 * @param stackLost true when the tool printed "stack information lost" instead of frames
 */
public record SnapshotEntry(long line, Stack stack, long bytes, long blocks, boolean stackLost) implements TraceEvent {
    public SnapshotEntry {
        if (stack == null) stack = Stack.EMPTY;
    }
}
