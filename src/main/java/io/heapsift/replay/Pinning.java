package io.heapsift.replay;

import io.heapsift.event.Stack;

import java.util.List;

/**
 * Free memory inside the arenas that stays with the process, charged to the chunks that pin it.
 *
 * <p>Free chunks (bins and fastbins, merged as malloc_trim's consolidation would merge them) form <em>runs</em>
 * between non-free chunks. A run cannot merge into top and leave with a brk trim or a heap shrink while the chunk
 * just above it is in use: that chunk <em>blocks</em> the run ({@code blockedBytes}; only malloc_trim's madvise can
 * still drop the run's whole pages). Of each run, the bytes that even malloc_trim(0) cannot release — the partial
 * pages at both ends, or the whole run when it is under 4144 bytes — are <em>pinned</em> ({@code pinnedBytes}) and
 * charged to the chunks sharing those pages. Chunks are live program blocks (grouped by allocation stack),
 * chunks parked in a tcache (free for the program, in use for glibc), or the allocator's own blocks.
 * With the glibc model this comes from its exact chunk walk ({@code exact}); other models get an approximation
 * from the placement of live blocks alone.
 *
 * @param eventIndex       where the state was taken (1-based event index)
 * @param exact            true if computed from the model's own chunk walk
 * @param freeBytes        free bytes in the arenas (tops included; = fordblks)
 * @param blockedBytes     free bytes in runs below a non-free chunk (free − tops)
 * @param pinnedBytes      free bytes no trim can return
 * @param releasableBytes  what malloc_trim(0) would return (madvisable run pages + the main arena's top excess)
 * @param releasableResidentBytes the resident part of it: the RSS malloc_trim(0) would drop now
 * @param arenas           per arena, in creation order
 * @param stacks           the largest pinners, by blocked then pinned bytes
 * @param stacksTotal      rows before the cut
 */
public record Pinning(long eventIndex, boolean exact, long freeBytes, long blockedBytes, long pinnedBytes,
                      long releasableBytes, long releasableResidentBytes, List<Arena> arenas, List<Row> stacks,
                      int stacksTotal) {

    /**
     * One arena.
     *
     * @param arena         0 = main, 1.. = thread arenas in creation order
     * @param systemBytes   system_mem (0 when unknown)
     * @param freeBytes     top + runs
     * @param topBytes      top (after merging the runs that reach it)
     * @param runs          free runs below non-free chunks
     * @param blockedBytes  Σ runs
     * @param pinnedBytes   run bytes no trim can return
     * @param releasableBytes what malloc_trim(0) would return
     * @param topKeptBytes  top that every trim keeps (pad, alignment; a thread arena's whole top)
     * @param cachedBytes   this arena's chunks parked in tcaches
     */
    public record Arena(int arena, long systemBytes, long freeBytes, long topBytes, long runs, long blockedBytes,
                        long pinnedBytes, long releasableBytes, long topKeptBytes, long cachedBytes) {
    }

    /** What pins. */
    public enum Kind {
        /** Live program blocks allocated from one stack. */
        LIVE,
        /** Freed blocks parked in tcaches (they never merge, so they pin like live ones). */
        TCACHE,
        /** The allocator's own blocks: tcache structs, heap headers, fenceposts. */
        INTERNAL
    }

    /**
     * One pinner.
     *
     * @param kind         live stack, tcache, or internal
     * @param stack        the allocation stack for {@link Kind#LIVE}, {@link Stack#EMPTY} otherwise
     * @param blockedBytes free runs directly below its chunks
     * @param pinnedBytes  bytes of adjacent runs no trim can return, charged to its chunks
     * @param chunks       its chunks that pin something
     * @param chunkBytes   their size
     * @param arenas       bit set of the arenas where it pins (bit i = arena i, capped at 63)
     */
    public record Row(Kind kind, Stack stack, long blockedBytes, long pinnedBytes, long chunks, long chunkBytes,
                      long arenas) {
    }
}
