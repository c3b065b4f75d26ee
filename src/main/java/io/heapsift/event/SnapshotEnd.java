package io.heapsift.event;

/** End of the current snapshot (emitted at the next header or at the end of input). */
public record SnapshotEnd(long line, int index) implements TraceEvent {
}
