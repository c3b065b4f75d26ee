package io.heapsift.table;

import io.heapsift.event.LeakKind;
import io.heapsift.event.Stack;

/**
 * One row of the table: a stack (and, for leak reports, a leak kind) with its outstanding memory.
 *
 * @param kind          the valgrind leak kind, or null when the input has no kinds
 * @param liveBytes     outstanding bytes at the end (leak reports: the record's direct bytes)
 * @param liveBlocks    outstanding blocks at the end
 * @param indirectBytes leak reports: indirect bytes owned by this definitely-lost record, else 0
 * @param allocs        allocations made from this stack (events), or blocks (snapshots, leak reports)
 * @param allocBytes    bytes allocated from this stack over the trace (events)
 * @param frees         frees of blocks allocated here (events)
 * @param firstSeenNs   time of the first allocation/appearance, or {@link io.heapsift.event.TraceEvent#NO_TIME}
 * @param lastSeenNs    time of the last allocation/appearance
 * @param firstLine     input line of the first allocation/appearance
 * @param lastLine      input line of the last allocation/appearance
 * @param peakBytes     largest outstanding bytes of this stack at any time
 * @param peakBlocks    largest outstanding blocks of this stack at any time
 * @param seriesBytes   snapshots: bytes in each snapshot, -1 where the stack was not listed; else empty
 * @param seriesBlocks  snapshots: blocks in each snapshot, -1 where not listed; else empty
 */
public record StackRow(Stack stack, LeakKind kind, long liveBytes, long liveBlocks, long indirectBytes, long allocs,
                       long allocBytes, long frees, long firstSeenNs, long lastSeenNs, long firstLine, long lastLine,
                       long peakBytes, long peakBlocks, long[] seriesBytes, long[] seriesBlocks) {
}
