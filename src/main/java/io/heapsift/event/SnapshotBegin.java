package io.heapsift.event;

/**
 * Start of a periodic snapshot of outstanding allocations (bcc memleak). The entries follow until
 * the matching {@link SnapshotEnd}.
 *
 * @param index        0-based snapshot number in the trace
 * @param requestedTop the "Top N" the tool printed (requested count for bcc's Python tool, printed count for libbpf-tools)
 * @param combined     true for memleak {@code --combined-only} snapshots (approximate counters)
 */
public record SnapshotBegin(long line, long timeNs, int index, int requestedTop, boolean combined)
        implements TraceEvent {
}
