package io.heapsift.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Regular footprint samples every K events (K ≥ 16), K doubling (and every other sample dropped) whenever the series
 * would exceed its bound, so the series stays at most {@code max} points whatever the trace length.
 */
final class Timeline {
    /**
     * The first interval: a sample reads every arena's counters (and the tcaches), which costs a few events' worth
     * of work, so even short traces are sampled at most every 16th event.
     */
    static final long FIRST_INTERVAL = 16;

    private final int max;
    private long every = FIRST_INTERVAL;
    private ArrayList<Sample> samples = new ArrayList<>();

    Timeline(int max) {
        this.max = max;
    }

    /** True if event {@code index} (1-based) should be sampled. */
    boolean due(long index) {
        return (index & (every - 1)) == 0;
    }

    void add(Sample s) {
        samples.add(s);
        if (samples.size() > max) decimate();
    }

    private void decimate() {
        every *= 2;
        ArrayList<Sample> kept = new ArrayList<>(max);
        for (Sample s : samples) {
            if ((s.eventIndex() & (every - 1)) == 0) kept.add(s);
        }
        samples = kept;
    }

    long interval() {
        return every;
    }

    List<Sample> samples() {
        return samples;
    }
}
