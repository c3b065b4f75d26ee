package io.heapsift.replay;

import java.util.List;

/**
 * Everything one replay produced. Immutable.
 *
 * @param config       the allocator configuration, as text ("defaults" or name=value,...)
 * @param events       events received (all kinds)
 * @param counts       what was replayed
 * @param peak         the sample with the highest estimated RSS (the earliest if tied)
 * @param peakSpan     the sample with the highest arena + mmap bytes
 * @param end          the state after the last event
 * @param timeline     regular samples, checkpoints, peak and end, by event index
 * @param interval     the final sampling interval of regular samples (events)
 * @param checkpoints  the model's state at each traced mallinfo2() call
 * @param placement    chunk placement compared with the trace's addresses, or null when not measured
 * @param incomplete   how incomplete the trace was
 * @param pinningPeak  pinned memory at the peak, or null when not computed
 * @param pinningEnd   pinned memory at the end
 * @param firstTimeNs  trace time of the first timed event, or NO_TIME
 * @param lastTimeNs   trace time of the last timed event, or NO_TIME
 */
public record ReplayResult(String config, long events, Counts counts, Sample peak, Sample peakSpan, Sample end,
                           List<Sample> timeline, long interval, List<Checkpoint> checkpoints,
                           PlacementFidelity placement, Incomplete incomplete, Pinning pinningPeak, Pinning pinningEnd,
                           long firstTimeNs, long lastTimeNs) {

    /**
     * What was sent to the model.
     *
     * @param allocs     allocations replayed (all kinds, realloc(NULL, n) included)
     * @param frees      frees replayed (realloc(p, 0) included)
     * @param reallocs   reallocs of a live block replayed
     * @param trims      malloc_trim calls from the trace
     * @param mallopts   mallopt calls from the trace
     * @param periodicTrims modelled malloc_trim(0) calls from --trim-every
     * @param threads    distinct threads
     * @param threadExits thread exits replayed
     */
    public record Counts(long allocs, long frees, long reallocs, long trims, long mallopts, long periodicTrims,
                         int threads, long threadExits) {
    }
}
