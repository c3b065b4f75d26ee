package io.heapsift.model;

import java.util.List;

/**
 * Why free memory stays with the process, per arena, at one moment — exact in bytes.
 *
 * <p>Definitions (design/ptmalloc.md §11, §16). Free chunks in fastbins and regular bins are first merged
 * into maximal <em>free runs</em> of physically adjacent free chunks, exactly as {@code malloc_trim}'s
 * {@code malloc_consolidate} would merge them; a run that reaches top becomes part of top. Chunks parked in a
 * tcache are <em>not</em> free here (glibc counts them in use and they never merge), they are "cached".
 * For each arena:
 * <ul>
 *   <li>{@code freeBytes} = top + Σ runs (= the arena's share of mallinfo2.fordblks);</li>
 *   <li>{@code releasableBytes} = what {@code malloc_trim(0)} would give back: the whole pages of each run of
 *       ≥ 4144 bytes after its first 48 bytes (madvise), plus, for the main arena only, ALIGN_DOWN(top − 33,
 *       4096) (systrim; thread-arena tops are never shrunk by malloc_trim);</li>
 *   <li>{@code pinnedBytes} = Σ over runs of (run − its madvisable pages): free bytes no trim can return;</li>
 *   <li>{@code topKeptBytes} = top − its releasable part;</li>
 *   <li>so {@code freeBytes = releasableBytes + pinnedBytes + topKeptBytes};</li>
 *   <li>{@code releasableResidentBytes} = the resident part of the madvisable run pages plus the main top
 *       release — the RSS that malloc_trim(0) would actually drop.</li>
 * </ul>
 * Each run's bytes are attributed to the non-free chunks around it (live chunks, tcache-cached chunks, or
 * allocator-internal chunks: tcache structs, heap headers, fenceposts), see {@link Pin}.
 *
 * @param arenas one entry per arena, in creation order
 */
public record RetentionReport(List<ArenaRetention> arenas) {

    /** Totals over arenas. */
    public long pinnedBytes() {
        return arenas.stream().mapToLong(ArenaRetention::pinnedBytes).sum();
    }

    public long releasableBytes() {
        return arenas.stream().mapToLong(ArenaRetention::releasableBytes).sum();
    }

    /**
     * @param arena                   0 = main, 1.. = thread arenas in creation order
     * @param systemBytes             system_mem
     * @param freeBytes               top + free runs
     * @param topBytes                top after virtual consolidation
     * @param runCount                number of free runs (not counting top)
     * @param releasableBytes         bytes malloc_trim(0) would return (madvise + main-arena systrim)
     * @param releasableResidentBytes resident part of it (madvised pages already released do not count)
     * @param pinnedBytes             free-run bytes that no trim can return
     * @param topKeptBytes            top bytes kept by every trim (top_pad/alignment; whole top for threads)
     * @param cachedBytes             bytes of this arena's chunks parked in tcaches (in use for glibc)
     * @param pins                    the chunks the run bytes are attributed to, in address order
     */
    public record ArenaRetention(int arena, long systemBytes, long freeBytes, long topBytes, long runCount,
                                 long releasableBytes, long releasableResidentBytes, long pinnedBytes,
                                 long topKeptBytes, long cachedBytes, List<Pin> pins) {
    }

    /** What a pinning chunk is. */
    public enum PinKind {
        /** A block the program holds. */
        LIVE,
        /** A freed block parked in a thread's tcache (never merges, so it pins like a live one). */
        TCACHE,
        /** Allocator-internal: a tcache_perthread_struct, a heap header or a fencepost. */
        INTERNAL
    }

    /**
     * One chunk that keeps free runs from being returned.
     *
     * <p>{@code blockedBytes}: the whole free run directly <em>below</em> this chunk (ending at its address)
     * — the run cannot coalesce towards top past this chunk, so only malloc_trim's madvise can touch it; in
     * the brk heap this is "a live chunk above free space", in a thread heap the chunk keeps the heap from
     * shrinking. Every run (not merged into top) is counted in exactly one chunk's blockedBytes, so
     * Σ blockedBytes = Σ runs.
     *
     * <p>{@code pageBytes}: the bytes of the adjacent runs that even malloc_trim cannot release because they
     * lie in pages this chunk shares with the run: for the run <em>above</em> this chunk, its bytes below the
     * first page boundary at or after run start + 48 (clamped to the run); for the run <em>below</em>, its bytes
     * from the last page boundary (but not below that first one) to the run end. Σ pageBytes = pinnedBytes.
     *
     * @param address      user address for a live/tcache chunk, chunk address for an internal one
     * @param tag          allocation tag (for TCACHE: the tag of its last allocation; INTERNAL: Integer.MIN_VALUE)
     * @param kind         what the chunk is
     * @param chunkSize    its size
     * @param blockedBytes see above
     * @param pageBytes    see above
     */
    public record Pin(long address, int tag, PinKind kind, long chunkSize, long blockedBytes, long pageBytes) {
    }
}
