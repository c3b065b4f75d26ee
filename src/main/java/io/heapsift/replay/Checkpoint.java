package io.heapsift.replay;

import io.heapsift.model.MallInfo;

/**
 * The model's state at the N-th traced {@code mallinfo2()} call of the trace (the workloads' checkpoints).
 *
 * @param ordinal  1-based: this is the N-th mallinfo2 event, aligned with row N of a mallinfo TSV
 * @param mallinfo the model's mallinfo2 at that point
 * @param sample   the footprint at that point
 * @param traced   what glibc's mallinfo2() returned there, when the capture recorded it (heapsift's bpftrace
 *                 script does); null otherwise
 */
public record Checkpoint(int ordinal, MallInfo mallinfo, Sample sample, MallInfo traced) {

    public Checkpoint(int ordinal, MallInfo mallinfo, Sample sample) {
        this(ordinal, mallinfo, sample, null);
    }

    /**
     * glibc's mallinfo2 as a trace event carries it: the ten fields in {@code struct mallinfo2} order (arena,
     * ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost); null for any other length.
     */
    public static MallInfo traced(java.util.List<Long> info) {
        if (info.size() != 10) return null;
        return new MallInfo(info.get(0), info.get(1), info.get(2), info.get(3), info.get(4), info.get(7), info.get(8),
                info.get(6), info.get(9));
    }
}
