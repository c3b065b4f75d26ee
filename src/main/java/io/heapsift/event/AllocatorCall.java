package io.heapsift.event;

/**
 * A call into the allocator that is not an allocation or free but changes or samples its state:
 * {@code malloc_trim(pad)}, {@code mallopt(param, value)}, {@code mallinfo2()} (used as a checkpoint
 * marker by the fidelity workloads).
 */
public record AllocatorCall(long line, long timeNs, int tid, Kind kind, long arg0, long arg1, long result)
        implements TraceEvent {

    /** Which allocator call. */
    public enum Kind { MALLOC_TRIM, MALLOPT, MALLINFO }
}
