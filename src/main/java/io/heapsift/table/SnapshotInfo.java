package io.heapsift.table;

/**
 * One snapshot of a snapshot-format trace.
 *
 * @param groups       number of "bytes in allocations from stack" groups printed
 * @param bytes        sum of the groups' bytes (only the top N the tool printed)
 * @param addressLines memleak -a lines (all outstanding blocks, over all stacks)
 * @param addressBytes sum of the -a sizes
 */
public record SnapshotInfo(int index, long timeNs, long line, boolean combined, int requestedTop, int groups,
                           long bytes, long blocks, long addressLines, long addressBytes) {
}
