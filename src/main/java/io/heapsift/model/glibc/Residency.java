package io.heapsift.model.glibc;

/**
 * Page-touch model of resident memory (design/ptmalloc.md §16). Heap pages become resident when the
 * allocator writes metadata into them or — by policy — when the program writes what it allocated; they
 * leave on systrim, shrink_heap, heap deletion and malloc_trim's madvise. mmapped chunks count whole
 * touched pages of their mapping.
 */
final class Residency {
    /** Bytes of each block the program writes: -1 all (calloc'd fresh memory excepted), 0 none, N first N. */
    final long touchBytes;
    /** Resident pages over all heaps (kept equal to Σ heap.residentPages). */
    long heapPages;
    /** Resident pages over all mmapped chunks. */
    long mmapPages;
    /** Live thread heaps (64 MiB reservations each). */
    long liveHeaps;

    Residency(long touchBytes) {
        this.touchBytes = touchBytes;
    }

    /** The allocator writes a word at addr. */
    void write(Heap h, long addr) {
        heapPages += h.touch(addr, addr + Engine.SIZE_SZ);
    }

    void touch(Heap h, long from, long to) {
        heapPages += h.touch(from, to);
    }

    /** MADV_DONTNEED / brk lowering of the whole pages in [from, to). */
    void release(Heap h, long from, long to) {
        heapPages -= h.release(from, to);
    }

    /** fd/bk (+ nextsize links) and the footer/next size word of a chunk put into a regular bin. */
    void freeChunkWritten(Chunk c) {
        Heap h = c.heap;
        heapPages += h.touch(c.addr + Engine.SIZE_SZ, c.addr + (c.size >= Arena.MIN_LARGE ? 48 : 32));
        heapPages += h.touch(c.end(), c.end() + 2 * Engine.SIZE_SZ);
    }

    /** The program writes its block (policy {@link #touchBytes}); the allocator wrote the size word anyway. */
    void userWrite(Chunk c) {
        userWrite(c, touchBytes);
    }

    /** calloc: the program writes only under a byte-limit policy (under "all", fresh memory stays untouched). */
    void userWriteCalloc(Chunk c) {
        if (touchBytes > 0) {
            userWrite(c, touchBytes);
        }
    }

    /** Writes of {@code bytes} user bytes (-1: the whole block) plus the size word. */
    void userWrite(Chunk c, long bytes) {
        long userEnd = c.end() + Engine.SIZE_SZ;
        if (c.state == Chunk.MMAPPED) {
            userEnd = c.end();
        }
        if (bytes >= 0) {
            userEnd = Math.min(userEnd, c.addr + 2 * Engine.SIZE_SZ + bytes);
        }
        if (c.state == Chunk.MMAPPED) {
            mmapTouch((MmapChunk) c, userEnd);
        } else {
            heapPages += c.heap.touch(c.addr + Engine.SIZE_SZ, Math.max(userEnd, c.addr + 2 * Engine.SIZE_SZ));
        }
    }

    /** calloc's memset of the first {@code csz} chunk bytes (from the size word on). */
    void cleared(Chunk c, long csz) {
        heapPages += c.heap.touch(c.addr + Engine.SIZE_SZ, c.addr + csz + Engine.SIZE_SZ);
    }

    void mmapHeaderWritten(MmapChunk c) {
        c.residentPages = 1;
        mmapPages += 1;
    }

    /**
     * The pages of the mapping from the one holding the chunk header up to the one holding byte {@code end - 1}
     * (+ the mapping's first page, written by sysmalloc). Pages are counted, not tracked: a later, shorter write
     * does not lower the count.
     */
    void mmapTouch(MmapChunk c, long end) {
        long start = c.addr - c.mmapOffset;
        long firstUser = (c.mmapOffset + Engine.SIZE_SZ) >>> Heap.PAGE_SHIFT;
        long lastPage = (end - 1 - start) >>> Heap.PAGE_SHIFT;
        long n = lastPage - firstUser + 1 + (firstUser > 0 ? 1 : 0);
        if (n > c.residentPages) {
            mmapPages += n - c.residentPages;
            c.residentPages = n;
        }
    }

    void mmapReleased(MmapChunk c) {
        mmapPages -= c.residentPages;
        c.residentPages = 0;
    }

    /** mremap: shrinking drops the cut pages; growing adds untouched ones. */
    void mmapResized(MmapChunk c, long oldTotal) {
        long pages = (c.mmapOffset + c.size) >>> Heap.PAGE_SHIFT;
        if (c.residentPages > pages) {
            mmapPages -= c.residentPages - pages;
            c.residentPages = pages;
        }
    }

    void heapMapped(Heap h) {
        liveHeaps++;
    }

    void heapUnmapped(Heap h) {
        heapPages -= h.residentPages;
        liveHeaps--;
    }

    long residentBytes() {
        return (heapPages + mmapPages) << Heap.PAGE_SHIFT;
    }
}
