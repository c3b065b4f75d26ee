package io.heapsift.model;

/**
 * The footprint at one moment, in bytes.
 *
 * @param requestedLive  bytes the program asked for and still holds
 * @param chunkLive      chunk bytes of live heap allocations (headers and rounding included)
 * @param arenaBytes     Σ system_mem over arenas (brk heap + thread heaps), = mallinfo2.arena
 * @param mmapBytes      bytes in live direct-mmapped chunks (= hblkhd)
 * @param mmapCount      live direct-mmapped chunks (= hblks)
 * @param freeBytes      free bytes inside arenas, tops included (= fordblks)
 * @param topBytes       Σ top chunk sizes over arenas
 * @param binnedFree     free bytes in unsorted/small/large bins
 * @param fastbinFree    free bytes in fastbins
 * @param tcacheFree     bytes of chunks parked in tcaches (glibc counts them as in use)
 * @param trimmableBytes what malloc_trim(0) would release now (madvisable whole pages in binned chunks
 *                       ≥ 4144 bytes that are still resident, plus the main arena's trimmable top)
 * @param rssBytes       estimated resident bytes of the heap (pages touched and not returned), mmaps included
 * @param vmDataBytes    estimated address space (brk span + 64 MiB per thread heap + mmaps)
 */
public record Footprint(long requestedLive, long chunkLive, long arenaBytes, long mmapBytes, long mmapCount,
                        long freeBytes, long topBytes, long binnedFree, long fastbinFree, long tcacheFree,
                        long trimmableBytes, long rssBytes, long vmDataBytes) {
}
