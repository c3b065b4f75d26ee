package io.heapsift.replay;

import io.heapsift.event.Stack;

import java.util.List;

/**
 * Free memory inside the arenas that cannot be returned to the system, charged to the live chunks that pin it.
 *
 * <p>Every hole between two live chunks of a heap (free chunks in bins, fastbins and tcaches, taken together)
 * is charged to the live chunk just above it: that chunk closes the hole, and while it lives the hole can
 * neither merge into top nor leave with a brk trim. Of each hole, the whole pages {@code malloc_trim(0)} could
 * still {@code madvise} away (holes of at least 4144 bytes, pages after the first 48 bytes) are counted apart as
 * {@code madvisableBytes}; the rest is {@code pinnedBytes}. Memory above the highest live chunk of a heap is top
 * retention, not pinned by anyone. The allocator's own blocks (the 656-byte tcache of each thread, a thread
 * arena's 2256-byte header) are not in the trace, so they count as part of the hole below the first chunk.
 *
 * @param eventIndex where the state was taken (1-based event index)
 * @param pinnedBytes Σ pinned bytes over arenas
 * @param madvisableBytes Σ hole pages malloc_trim could release
 * @param arenas     per arena, main first
 * @param stacks     the stacks whose chunks pin the most, largest first
 * @param stacksTotal number of stacks pinning anything
 */
public record Pinning(long eventIndex, long pinnedBytes, long madvisableBytes, List<Arena> arenas, List<Row> stacks,
                      int stacksTotal) {

    /**
     * One arena.
     *
     * @param arena      0 = main, 1.. = thread arenas in the model's order
     * @param heaps      heaps holding live chunks
     * @param liveChunks live chunks (trace-visible blocks)
     * @param liveBytes  their chunk bytes
     * @param holeBytes  free bytes between live chunks
     * @param pinnedBytes hole bytes no trim can return
     * @param madvisableBytes hole pages malloc_trim(0) could release
     */
    public record Arena(int arena, int heaps, long liveChunks, long liveBytes, long holeBytes, long pinnedBytes,
                        long madvisableBytes) {
    }

    /**
     * One stack.
     *
     * @param stack       the allocation stack of the pinning chunks
     * @param pinnedBytes bytes it pins
     * @param chunks      its live chunks that pin something
     * @param liveBytes   the requested bytes of those chunks
     * @param arenas      bit set of the arenas (bit i = arena i, capped at 63) where it pins
     */
    public record Row(Stack stack, long pinnedBytes, long chunks, long liveBytes, long arenas) {
    }
}
