package io.heapsift.replay;

/**
 * How a replay runs, apart from the allocator configuration.
 *
 * @param timelinePoints   upper bound on regular timeline samples (the sampling interval doubles to stay under it)
 * @param trimEveryEvents  model a {@code malloc_trim(0)} after every N events (0 = never)
 * @param trimEveryNs      model a {@code malloc_trim(0)} every N nanoseconds of trace time (0 = never)
 * @param capturePeakAt    event index (1-based) of the peak found by a first pass: there the full footprint is
 *                         sampled and pinned memory charged to stacks (0 = none; the end is always complete)
 * @param captureSpanAt    event index of the largest arena + mmap found by a first pass: full footprint there
 * @param pinningTop       how many pinning stacks to keep per report
 * @param placement        compare the model's chunk placement with the trace's addresses
 */
public record ReplayOptions(int timelinePoints, long trimEveryEvents, long trimEveryNs, long capturePeakAt,
                            long captureSpanAt, int pinningTop, boolean placement) {

    public ReplayOptions {
        if (timelinePoints < 2) throw new IllegalArgumentException("timelinePoints must be >= 2");
        if (trimEveryEvents < 0 || trimEveryNs < 0) throw new IllegalArgumentException("trim period must be >= 0");
    }

    public static ReplayOptions defaults() {
        return new ReplayOptions(10_000, 0, 0, 0, 0, 10, true);
    }

    public ReplayOptions withTrimEveryEvents(long n) {
        return new ReplayOptions(timelinePoints, n, 0, capturePeakAt, captureSpanAt, pinningTop, placement);
    }

    public ReplayOptions withTrimEveryNs(long ns) {
        return new ReplayOptions(timelinePoints, 0, ns, capturePeakAt, captureSpanAt, pinningTop, placement);
    }

    /** Capture the full footprint (and pinning) at the peak and at the largest span found by a first pass. */
    public ReplayOptions withCapture(long peakAt, long spanAt) {
        return new ReplayOptions(timelinePoints, trimEveryEvents, trimEveryNs, peakAt, spanAt, pinningTop, placement);
    }

    public ReplayOptions withPinningTop(int n) {
        return new ReplayOptions(timelinePoints, trimEveryEvents, trimEveryNs, capturePeakAt, captureSpanAt, n, placement);
    }

    public ReplayOptions withPlacement(boolean on) {
        return new ReplayOptions(timelinePoints, trimEveryEvents, trimEveryNs, capturePeakAt, captureSpanAt, pinningTop, on);
    }

    public ReplayOptions withTimelinePoints(int n) {
        return new ReplayOptions(n, trimEveryEvents, trimEveryNs, capturePeakAt, captureSpanAt, pinningTop, placement);
    }
}
