package io.heapsift.model.glibc;

/**
 * One simulated chunk. Physical neighbours are linked ({@link #prev}/{@link #next}) so that coalescing
 * needs no address lookup (the role glibc's boundary tags play); bin, fastbin and tcache membership use
 * the intrusive links {@link #fd}/{@link #bk} (+ {@link #fdNext}/{@link #bkNext} for large-bin size groups),
 * mirroring glibc's own lists so that tie orders come out the same. Objects are pooled and reused.
 */
class Chunk {
    /** In use by the program, or an allocator-internal block (tcache struct) when {@link #internal}. */
    static final byte INUSE = 0;
    /** Parked in a thread's tcache (looks in use to neighbours). */
    static final byte TCACHE = 1;
    /** In a fastbin (looks in use to neighbours). */
    static final byte FAST = 2;
    /** In the unsorted, a small or a large bin (free, PREV_INUSE of its successor clear). */
    static final byte BINNED = 3;
    /** The arena's top chunk. */
    static final byte TOP = 4;
    /** Heap header (heap_info [+ malloc_state]) or the fencepost pair at the end of a non-final heap. */
    static final byte HEADER = 5;
    /** A directly mmapped chunk (no heap). */
    static final byte MMAPPED = 6;
    /** A bin list head. */
    static final byte SENTINEL = 7;

    long addr;
    long size;
    byte state;
    /** Bin index while {@link #BINNED} (1 = unsorted). */
    byte bin;
    boolean internal;
    Chunk prev;
    Chunk next;
    Chunk fd;
    Chunk bk;
    Chunk fdNext;
    Chunk bkNext;
    Heap heap;
    /** Caller tag (stack id) of the allocation that last handed this chunk out. */
    int tag;
    /** Requested bytes of that allocation. */
    long req;
    /** The caller's key while the chunk is in a {@link KeyedChunks} table (the trace's address). */
    long key;
    /** The caller's size for {@link #key} differs from {@link #req} (kept aside by the table). */
    boolean oddSize;

    long end() {
        return addr + size;
    }

    /** True if glibc would see this chunk as free for coalescing (in a regular bin). */
    boolean isBinnedFree() {
        return state == BINNED;
    }

    @Override
    public String toString() {
        return "Chunk[0x" + Long.toHexString(addr) + "+" + size + " " + "UTFBPHMS".charAt(state) + (internal ? "i" : "")
            + "]";
    }
}

/** A directly mmapped chunk: also knows its offset in the mapping and the mapping's resident pages. */
final class MmapChunk extends Chunk {
    /** Offset of the chunk from its mapping start (glibc's prev_size; non-zero after memalign). */
    long mmapOffset;
    /** Resident pages of the mapping. */
    long residentPages;
}
