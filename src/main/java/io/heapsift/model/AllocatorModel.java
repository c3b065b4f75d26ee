package io.heapsift.model;

/**
 * A simulated allocator driven call by call. Addresses returned are the model's own simulated
 * addresses (the replay maps the trace's addresses onto them). {@code tid} selects the thread (tcache,
 * arena); {@code tag} is an opaque caller id (the stack id) kept with each live chunk for attribution.
 * All methods follow glibc's semantics for the same call (e.g. {@code realloc(p, 0)} frees and returns 0).
 */
public interface AllocatorModel {

    long malloc(int tid, long size, int tag);

    long calloc(int tid, long size, int tag);

    long realloc(int tid, long address, long size, int tag);

    /** memalign family: {@code kind} tells posix_memalign/aligned_alloc/valloc/pvalloc/memalign apart. */
    long memalign(int tid, long alignment, long size, io.heapsift.event.AllocKind kind, int tag);

    void free(int tid, long address);

    /**
     * An opaque handle on the block the last successful allocation call (malloc, calloc, realloc, memalign)
     * returned, for the handle variants of {@link #free(int, long, Object)} and {@link #realloc(int, long, Object,
     * long, int)}: a caller that keeps it beside the address spares a model that holds its blocks as objects an
     * address lookup. Valid until that block is freed or reallocated; null if the model has no handles.
     */
    default Object lastBlock() {
        return null;
    }

    /**
     * A table for the caller's live blocks kept inside the model's own blocks ({@link LiveBlocks}), or null: the
     * caller then keeps its own. One per model (the blocks have room for one key).
     */
    default LiveBlocks liveBlocks() {
        return null;
    }

    /** {@link #free(int, long)} of a block whose {@link #lastBlock()} handle the caller kept (null: look it up). */
    default void free(int tid, long address, Object block) {
        free(tid, address);
    }

    /** {@link #realloc(int, long, long, int)} with the block's {@link #lastBlock()} handle (null: look it up). */
    default long realloc(int tid, long address, Object block, long size, int tag) {
        return realloc(tid, address, size, tag);
    }

    /** malloc_trim(pad); returns glibc's return value (1 if memory was released). */
    int mallocTrim(int tid, long pad);

    /** mallopt(param, value) with glibc's M_* numbers; returns glibc's return value. */
    int mallopt(int tid, int param, long value);

    /** The thread ended: its tcache is flushed and its arena detached. */
    void threadExit(int tid);

    /** mallinfo2() as glibc computes it, summed over arenas. */
    MallInfo mallinfo();

    /** The current footprint breakdown (live, retained, trimmable, RSS estimate ...). */
    Footprint footprint();

    /** Where a live address sits: arena, offset inside its heap, mmapped or not; null if not live. */
    Placement placement(long address);

    /** {@link #placement(long)} into {@code out} (no allocation); false, {@code out} untouched, if not live. */
    default boolean placement(long address, PlacementBuffer out) {
        Placement p = placement(address);
        if (p == null) {
            return false;
        }
        out.set(p.arena(), p.heapOffset(), p.mmapped(), p.chunkSize());
        return true;
    }

    // ---- additions (dev-model); defaults keep other implementations compiling

    /** Names the main thread before the first call (it gets the main arena); default: ignored. */
    default void mainThread(int tid) {
    }

    /** malloc_usable_size of a live address (0 if not live). */
    default long usableSize(long address) {
        throw new UnsupportedOperationException("usableSize");
    }

    /** Per-arena statistics in glibc's arena-list order (malloc_stats "Arena 0, 1, ..."). */
    default java.util.List<ArenaStats> arenaStats() {
        throw new UnsupportedOperationException("arenaStats");
    }

    /**
     * {@link #arenaStats()} summed, with {@link #mallinfo()}'s totals, into {@code out} (for frequent samples: a model
     * may fill it without building objects). Throws UnsupportedOperationException where arenaStats does.
     */
    default void arenaTotals(ArenaTotals out) {
        java.util.List<ArenaStats> stats = arenaStats();
        out.fill(stats, mallinfo());
    }

    /** malloc_stats' "max mmap regions". */
    default long maxMmapRegions() {
        throw new UnsupportedOperationException("maxMmapRegions");
    }

    /** malloc_stats' "max mmap bytes". */
    default long maxMmapBytes() {
        throw new UnsupportedOperationException("maxMmapBytes");
    }

    /** Visits every live program chunk (address, requested, chunk size, tag, arena, mmapped); no internal chunks. */
    default void forEachLive(LiveChunkVisitor visitor) {
        throw new UnsupportedOperationException("forEachLive");
    }

    /** Which free bytes cannot be returned and which chunks pin them (see {@link RetentionReport}); O(chunks). */
    default RetentionReport retention() {
        throw new UnsupportedOperationException("retention");
    }

    /**
     * The footprint; with {@code withTrimmable} false, {@code trimmableBytes} is not computed (reported as -1), which
     * makes the call cost O(arenas) instead of O(chunks).
     */
    default Footprint footprint(boolean withTrimmable) {
        return footprint();
    }

    /** What {@code malloc_info(0, fp)} would print (glibc's XML, byte for byte). */
    default String mallocInfo() {
        throw new UnsupportedOperationException("mallocInfo");
    }

    /** What {@code malloc_stats()} would print to stderr (byte for byte). */
    default String mallocStats() {
        throw new UnsupportedOperationException("mallocStats");
    }

    /** Estimated resident bytes (same as footprint().rssBytes(), but O(1)). */
    default long residentBytes() {
        return footprint().rssBytes();
    }

    /** mallinfo's arena + hblkhd (heap bytes obtained from the system plus mmapped bytes), without building a MallInfo. */
    default long arenaPlusMmapBytes() {
        MallInfo mi = mallinfo();
        return mi.arena() + mi.hblkhd();
    }
}
