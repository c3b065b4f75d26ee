package io.heapsift.replay;

import io.heapsift.model.AllocatorModel;
import io.heapsift.model.ArenaStats;
import io.heapsift.model.Footprint;
import io.heapsift.model.MallInfo;

import java.util.List;

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

    /** The per-arena counters read by the last {@link #full} or {@link #lite} call (null if the model has none). */
    private List<ArenaStats> last;

    Footprint full() {
        last = stats();
        return model.footprint();
    }

    /** Everything but trimmable, from counters; the requested and chunk bytes are the replay's own tallies. */
    Footprint lite(long requested, long chunkLive) {
        List<ArenaStats> st = stats();
        last = st;
        if (st == null) return model.footprint();
        MallInfo mi = model.mallinfo();
        long top = 0, binned = 0, fast = 0, tcache = 0, threadHeaps = 0, brk = 0;
        for (ArenaStats a : st) {
            top += a.topBytes();
            binned += a.binnedBytes();
            fast += a.fastBytes();
            tcache += a.tcacheBytes();
            if (a.arena() == 0) brk = a.systemBytes();
            else threadHeaps += a.heaps();
        }
        return new Footprint(requested, chunkLive, mi.arena(), mi.hblkhd(), mi.hblks(), mi.fordblks(), top, binned,
                fast, tcache, UNKNOWN, model.residentBytes(), brk + threadHeaps * HEAP_MAX + mi.hblkhd());
    }

    /** system bytes per arena in creation order as of the last footprint read, or null when the model does not say. */
    long[] arenas() {
        List<ArenaStats> st = last;
        if (st == null) return null;
        long[] out = new long[st.size()];
        for (ArenaStats a : st) if (a.arena() >= 0 && a.arena() < out.length) out[a.arena()] = a.systemBytes();
        return out;
    }

    private List<ArenaStats> stats() {
        if (!stats) return null;
        try {
            return model.arenaStats();
        } catch (UnsupportedOperationException e) {
            stats = false;
            return null;
        }
    }

    /** A footprint of which only the RSS (and optionally arena and mmap bytes) is known. */
    static Footprint partial(long rss, long arena, long mmap) {
        return new Footprint(UNKNOWN, UNKNOWN, arena, mmap, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
                UNKNOWN, rss, UNKNOWN);
    }
}
