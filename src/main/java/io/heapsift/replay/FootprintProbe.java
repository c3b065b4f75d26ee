package io.heapsift.replay;

import io.heapsift.model.AllocatorModel;
import io.heapsift.model.ArenaTotals;
import io.heapsift.model.Footprint;

/**
 * Reads the model's footprint at two costs. {@link AllocatorModel#footprint()} walks every chunk to find what
 * malloc_trim would release; {@link #lite} reads only per-arena counters ({@code mallinfo2}, {@code arenaStats})
 * and leaves {@code trimmableBytes} unknown (−1), so that thousands of timeline samples stay cheap.
 */
final class FootprintProbe {

    /** Marks a value that was not computed. */
    static final long UNKNOWN = -1;
    private static final long HEAP_MAX = 64L << 20;

    private final AllocatorModel model;
    private boolean stats = true;

    FootprintProbe(AllocatorModel model) {
        this.model = model;
    }

    /** The per-arena counters read by the last {@link #full} or {@link #lite} call (valid while {@link #read}). */
    private final ArenaTotals last = new ArenaTotals();
    private boolean read;

    Footprint full() {
        read = totals();
        return model.footprint();
    }

    /** Everything but trimmable, from counters; the requested and chunk bytes are the replay's own tallies. */
    Footprint lite(long requested, long chunkLive) {
        read = totals();
        if (!read) return model.footprint();
        ArenaTotals t = last;
        return new Footprint(requested, chunkLive, t.arena, t.hblkhd, t.hblks, t.fordblks, t.top, t.binned, t.fast,
                t.tcache, UNKNOWN, model.residentBytes(), t.mainSystem + t.threadHeaps * HEAP_MAX + t.hblkhd);
    }

    /** system bytes per arena in creation order as of the last footprint read, or null when the model does not say. */
    long[] arenas() {
        return read ? last.systemByArena() : null;
    }

    private boolean totals() {
        if (!stats) return false;
        try {
            model.arenaTotals(last);
            return true;
        } catch (UnsupportedOperationException e) {
            stats = false;
            return false;
        }
    }

    /** A footprint of which only the RSS (and optionally arena and mmap bytes) is known. */
    static Footprint partial(long rss, long arena, long mmap) {
        return new Footprint(UNKNOWN, UNKNOWN, arena, mmap, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
                UNKNOWN, rss, UNKNOWN);
    }
}
