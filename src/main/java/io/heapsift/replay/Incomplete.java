package io.heapsift.replay;

/**
 * How incomplete the trace was for a replay: each count is a place where the model had to guess or skip.
 * A complete trace of a whole run (heapsift's bpftrace script) shows zeros except {@code unknownFrees}, which
 * also counts glibc's own frees at thread exit (the thread's tcache block and the chunks still cached in it).
 *
 * @param unknownFrees      frees of addresses never seen allocated (or already freed): skipped
 * @param unexplainedFrees  of those, the ones not followed by their thread's exit (glibc's tcache shutdown
 *                          explains the others): a sign of lost or misordered events
 * @param unknownReallocs   reallocs of unknown addresses: replayed as a fresh malloc of the new size
 * @param unmatchedAllocs   allocations whose address the trace does not show (ltrace posix_memalign): allocated
 *                          in the model anyway
 * @param lateBound         of those, how many were later tied to a free by their placement (same heap offset)
 * @param failedAllocs      allocations (and realloc(NULL, n)) that returned NULL: not replayed
 * @param failedReallocs    reallocs that failed and kept the old block: not replayed
 * @param unknownSizes      allocations without a size: not replayed
 * @param reusedLive        allocations returning an address that was still live (its free was lost): the old
 *                          block was freed in the model first
 * @param noThread          events without a thread id (replayed as thread 1)
 * @param modelRefused      allocations the trace shows succeeding that the model refused (returned NULL)
 * @param notHeap           mmap/kernel records that are not malloc-heap allocations: ignored
 * @param ignoredThreadExits thread exits not replayed (the main thread, or threads ended by the process exit)
 */
public record Incomplete(long unknownFrees, long unexplainedFrees, long unknownReallocs, long unmatchedAllocs, long lateBound,
                         long failedAllocs, long failedReallocs, long unknownSizes, long reusedLive, long noThread,
                         long modelRefused, long notHeap, long ignoredThreadExits) {

    /** True if nothing had to be guessed or skipped (unknown frees at thread exit aside: complete traces show them). */
    public boolean complete() {
        return unexplainedFrees == 0 && unknownReallocs == 0 && unmatchedAllocs == 0 && unknownSizes == 0 && reusedLive == 0
                && noThread == 0 && modelRefused == 0;
    }
}
