package io.heapsift.replay;

import io.heapsift.model.MallInfo;

/**
 * The model's state at the N-th traced {@code mallinfo2()} call of the trace (the workloads' checkpoints).
 *
 * @param ordinal  1-based: this is the N-th mallinfo2 event, aligned with row N of a mallinfo TSV
 * @param mallinfo the model's mallinfo2 at that point
 * @param sample   the footprint at that point
 */
public record Checkpoint(int ordinal, MallInfo mallinfo, Sample sample) {
}
