package io.heapsift.replay;

/**
 * How a replay runs, apart from the allocator configuration.
 *
 * @param timelinePoints   upper bound on regular timeline samples (the sampling interval doubles to stay under it)
 * @param trimEveryEvents  model a {@code malloc_trim(0)} after every N events (0 = never)
 * @param trimEveryNs      model a {@code malloc_trim(0)} every N nanoseconds of trace time (0 = never)
 * @param attributeAt      event index (1-based) at which to charge pinned memory to stacks (the peak, found by a
 *                         first pass), or 0 for none; the end state is always attributed
 * @param pinningTop       how many pinning stacks to keep per report
 * @param placement        compare the model's chunk placement with the trace's addresses
 */
public record ReplayOptions(int timelinePoints, long trimEveryEvents, long trimEveryNs, long attributeAt,
                            int pinningTop, boolean placement) {

    public ReplayOptions {
        if (timelinePoints < 2) throw new IllegalArgumentException("timelinePoints must be >= 2");
        if (trimEveryEvents < 0 || trimEveryNs < 0) throw new IllegalArgumentException("trim period must be >= 0");
    }

    public static ReplayOptions defaults() {
        return new ReplayOptions(10_000, 0, 0, 0, 10, true);
    }

    public ReplayOptions withTrimEveryEvents(long n) {
        return new ReplayOptions(timelinePoints, n, 0, attributeAt, pinningTop, placement);
    }

    public ReplayOptions withTrimEveryNs(long ns) {
        return new ReplayOptions(timelinePoints, 0, ns, attributeAt, pinningTop, placement);
    }

    public ReplayOptions withAttributeAt(long eventIndex) {
        return new ReplayOptions(timelinePoints, trimEveryEvents, trimEveryNs, eventIndex, pinningTop, placement);
    }

    public ReplayOptions withPinningTop(int n) {
        return new ReplayOptions(timelinePoints, trimEveryEvents, trimEveryNs, attributeAt, n, placement);
    }

    public ReplayOptions withPlacement(boolean on) {
        return new ReplayOptions(timelinePoints, trimEveryEvents, trimEveryNs, attributeAt, pinningTop, on);
    }

    public ReplayOptions withTimelinePoints(int n) {
        return new ReplayOptions(n, trimEveryEvents, trimEveryNs, attributeAt, pinningTop, placement);
    }
}
