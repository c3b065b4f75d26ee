package io.heapsift.model;

import java.util.Arrays;
import java.util.List;

/**
 * The per-arena counters a cheap footprint sample needs, summed over arenas and filled in place by
 * {@link AllocatorModel#arenaTotals(ArenaTotals)}: the same numbers as {@link AllocatorModel#arenaStats()} and
 * {@link AllocatorModel#mallinfo()}, without building a record per arena on every timeline sample.
 */
public final class ArenaTotals {
    /** Σ top, binned, fastbin and tcache bytes ({@link ArenaStats}). */
    public long top, binned, fast, tcache;
    /** System bytes of the main arena, and the number of heaps of all thread arenas. */
    public long mainSystem, threadHeaps;
    /** mallinfo2's arena, fordblks, hblkhd and hblks. */
    public long arena, fordblks, hblkhd, hblks;
    private long[] systemByArena = new long[8];
    private int arenas;

    /** Starts a fill for {@code n} arenas (all counters zero). */
    public void reset(int n) {
        top = binned = fast = tcache = mainSystem = threadHeaps = arena = fordblks = hblkhd = hblks = 0;
        if (systemByArena.length < n) systemByArena = new long[Math.max(n, systemByArena.length * 2)];
        Arrays.fill(systemByArena, 0, n, 0);
        arenas = n;
    }

    /** Adds one arena's counters ({@code arena} indexes {@link #systemByArena()}). */
    public void add(int arena, long systemBytes, int heaps, long topBytes, long binnedBytes, long fastBytes,
                    long tcacheBytes) {
        top += topBytes;
        binned += binnedBytes;
        fast += fastBytes;
        tcache += tcacheBytes;
        if (arena == 0) mainSystem = systemBytes;
        else threadHeaps += heaps;
        if (arena >= 0 && arena < arenas) systemByArena[arena] = systemBytes;
    }

    /** System bytes per arena index, as of the last fill (a new array). */
    public long[] systemByArena() {
        return Arrays.copyOf(systemByArena, arenas);
    }

    /** Fills from the per-arena records and mallinfo2 (what models without a faster way do). */
    public void fill(List<ArenaStats> stats, MallInfo mi) {
        reset(stats.size());
        for (ArenaStats a : stats) {
            add(a.arena(), a.systemBytes(), a.heaps(), a.topBytes(), a.binnedBytes(), a.fastBytes(), a.tcacheBytes());
        }
        arena = mi.arena();
        fordblks = mi.fordblks();
        hblkhd = mi.hblkhd();
        hblks = mi.hblks();
    }
}
