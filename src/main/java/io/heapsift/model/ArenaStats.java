package io.heapsift.model;

/**
 * One arena as {@code malloc_stats()} reports it, plus the model's breakdown of its free memory.
 *
 * @param arena           0 = main arena, 1.. = thread arenas in creation order (as in {@link Placement})
 * @param statsOrder      position in glibc's arena list = the "Arena N" number malloc_stats prints
 *                        (main, newest, ..., oldest)
 * @param systemBytes     system_mem ("system bytes")
 * @param inUseBytes      system_mem − (top + fastbins + binned) ("in use bytes"; tcache chunks, headers and
 *                        fenceposts count as in use)
 * @param maxSystemBytes  max_system_mem
 * @param heaps           heaps of this arena (1 for main)
 * @param topBytes        size of the top chunk
 * @param binnedCount     chunks in unsorted/small/large bins
 * @param binnedBytes     their bytes
 * @param fastCount       chunks in fastbins
 * @param fastBytes       their bytes
 * @param tcacheBytes     bytes of this arena's chunks parked in any thread's tcache (counted in inUseBytes)
 * @param attachedThreads threads whose thread_arena is this arena
 */
public record ArenaStats(int arena, int statsOrder, long systemBytes, long inUseBytes, long maxSystemBytes, int heaps,
                         long topBytes, long binnedCount, long binnedBytes, long fastCount, long fastBytes,
                         long tcacheBytes, int attachedThreads) {
}
