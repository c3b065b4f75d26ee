package io.heapsift.model.glibc;

/**
 * The arena-internal algorithms of glibc 2.36 malloc.c / arena.c, one method per glibc function
 * ({@code _int_malloc}, {@code _int_free}, {@code malloc_consolidate}, {@code sysmalloc}, {@code systrim},
 * {@code heap_trim}, {@code _int_realloc}, {@code _int_memalign}, {@code mtrim}), operating on simulated
 * chunks. The public entry points (tcache fast path, arena selection, statistics) live in
 * {@link PtmallocModel}. Comments cite the glibc behaviour being reproduced (design/ptmalloc.md §§).
 */
final class Engine {
    static final long SIZE_SZ = 8;
    static final long MINSIZE = 32;
    static final long ALIGN_MASK = 15;
    static final long PAGE = Heap.PAGE;
    static final long FASTBIN_CONSOLIDATION_THRESHOLD = 65536;
    static final int MAX_ITERS = 10000;
    /** sizeof(heap_info) and the fixed overhead of an arena's first heap (heap_info + malloc_state + align). */
    static final long HEAP_INFO = 48;
    static final long ARENA_HEADER = 2256;
    /** Refuse sizes beyond a 47-bit address space (glibc would get ENOMEM from the kernel). */
    static final long ADDRESS_SPACE = 1L << 47;

    final Params mp;
    final Residency rss;
    /** The calling thread (its tcache is consulted by _int_free and refilled by _int_malloc); may be null. */
    ThreadState tc;

    /** Bytes of chunks parked in all tcaches. */
    long tcacheBytes;

    private Chunk[] pool = new Chunk[256];
    private int poolSize;

    private long nextHeapBase = 0x7ffff0000000L;
    private long nextMmap = 0x7e0000000000L;

    Engine(Params mp, Residency rss) {
        this.mp = mp;
        this.rss = rss;
    }

    static long request2size(long req) {
        long nb = (req + SIZE_SZ + ALIGN_MASK) & ~ALIGN_MASK;
        return nb < MINSIZE ? MINSIZE : nb;
    }

    static int tidx(long nb) {
        return (int) ((nb - MINSIZE + ALIGN_MASK) >>> 4);
    }

    static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }

    static long alignDown(long v, long a) {
        return v & -a;
    }

    // ---------------------------------------------------------------- chunk objects

    Chunk newChunk() {
        return poolSize > 0 ? pool[--poolSize] : new Chunk();
    }

    void recycle(Chunk c) {
        if (c instanceof MmapChunk) {
            return;
        }
        c.prev = null;
        c.next = null;
        c.fd = null;
        c.bk = null;
        c.fdNext = null;
        c.bkNext = null;
        c.heap = null;
        c.internal = false;
        c.tag = 0;
        c.key = 0;
        c.oddSize = false;
        c.req = 0;
        c.addr = 0;
        c.size = 0;
        if (poolSize == pool.length) {
            if (poolSize >= 1 << 16) {
                return;
            }
            pool = java.util.Arrays.copyOf(pool, poolSize * 2);
        }
        pool[poolSize++] = c;
    }

    /** Splits c at nb: c keeps the low part; the new high part is returned (state set by the caller). */
    Chunk splitOff(Chunk c, long nb) {
        Chunk r = newChunk();
        r.addr = c.addr + nb;
        r.size = c.size - nb;
        r.heap = c.heap;
        r.prev = c;
        r.next = c.next;
        if (c.next != null) {
            c.next.prev = r;
        }
        c.next = r;
        c.size = nb;
        return r;
    }

    /** a absorbs its physical successor (which must already be out of every list). */
    void absorbNext(Chunk a) {
        Chunk b = a.next;
        a.size += b.size;
        a.next = b.next;
        if (b.next != null) {
            b.next.prev = a;
        }
        recycle(b);
    }

    private void mergeIntoTop(Arena av, Chunk p) {
        absorbNext(p);
        p.state = Chunk.TOP;
        p.internal = false;
        av.top = p;
        rss.write(p.heap, p.addr + SIZE_SZ);
    }

    /** Carves nb bytes off the low end of top; returns the allocated chunk. */
    private Chunk splitTop(Arena av, long nb) {
        Chunk v = av.top;
        Chunk r = splitOff(v, nb);
        r.state = Chunk.TOP;
        av.top = r;
        v.state = Chunk.INUSE;
        rss.write(r.heap, r.addr + SIZE_SZ);
        return v;
    }

    /** Splits victim at nb and puts the remainder at the front of the unsorted bin. */
    private void splitToUnsorted(Arena av, Chunk victim, long nb) {
        Chunk r = splitOff(victim, nb);
        av.insertUnsortedFront(r);
        rss.freeChunkWritten(r);
    }

    // ---------------------------------------------------------------- tcache

    boolean tcacheHasRoom(long size) {
        if (tc == null || tc.heads == null) {
            return false;
        }
        int ti = tidx(size);
        return ti < mp.tcacheBins && tc.counts[ti] < mp.tcacheCount;
    }

    void tcachePut(ThreadState t, Chunk c, int ti) {
        c.state = Chunk.TCACHE;
        c.fd = t.heads[ti];
        t.heads[ti] = c;
        t.counts[ti]++;
        rss.write(c.heap, c.addr + 2 * SIZE_SZ);
        tcacheBytes += c.size;
        c.heap.arena.tcacheBytes += c.size;
    }

    Chunk tcacheGet(ThreadState t, int ti) {
        Chunk c = t.heads[ti];
        t.heads[ti] = c.fd;
        t.counts[ti]--;
        c.fd = null;
        c.state = Chunk.INUSE;
        tcacheBytes -= c.size;
        c.heap.arena.tcacheBytes -= c.size;
        return c;
    }

    // ---------------------------------------------------------------- _int_malloc

    /** glibc {@code _int_malloc(av, bytes)} for a normalised nb; null on failure. */
    Chunk intMalloc(Arena av, long nb) {
        ThreadState t = tc != null && tc.heads != null ? tc : null;
        int ti = tidx(nb);
        boolean tcOk = t != null && ti < mp.tcacheBins;
        if (nb <= mp.maxFast) {
            int fi = Arena.fastIndex(nb);
            Chunk victim = av.popFast(fi);
            if (victim != null) {
                if (tcOk) {
                    Chunk x;
                    while (t.counts[ti] < mp.tcacheCount && (x = av.popFast(fi)) != null) {
                        tcachePut(t, x, ti);
                    }
                }
                victim.state = Chunk.INUSE;
                return victim;
            }
        }
        int idx;
        if (nb < Arena.MIN_LARGE) {
            idx = Arena.smallIndex(nb);
            Chunk victim = av.takeSmallTail(idx);
            if (victim != null) {
                if (tcOk) {
                    Chunk x;
                    while (t.counts[ti] < mp.tcacheCount && (x = av.takeSmallTail(idx)) != null) {
                        rss.write(x.heap, x.end() + SIZE_SZ);
                        tcachePut(t, x, ti);
                    }
                }
                victim.state = Chunk.INUSE;
                return victim;
            }
        } else {
            idx = Arena.largeIndex(nb);
            if (av.haveFastchunks) {
                consolidate(av);
            }
        }
        boolean returnCached = false;
        long unsortedCount = 0;
        for (;;) {
            int iters = 0;
            Chunk u = av.bins[1];
            Chunk victim;
            while ((victim = u.bk) != u) {
                Chunk bck = victim.bk;
                long size = victim.size;
                if (nb < Arena.MIN_LARGE && bck == u && victim.addr == av.lastRemainder && size > nb + MINSIZE) {
                    av.removeUnsortedTail(victim);
                    Chunk r = splitOff(victim, nb);
                    av.insertUnsortedFront(r);
                    rss.freeChunkWritten(r);
                    av.lastRemainder = r.addr;
                    victim.state = Chunk.INUSE;
                    return victim;
                }
                av.removeUnsortedTail(victim);
                if (size == nb) {
                    if (tcOk && t.counts[ti] < mp.tcacheCount) {
                        tcachePut(t, victim, ti);
                        returnCached = true;
                        continue;
                    }
                    victim.state = Chunk.INUSE;
                    return victim;
                }
                av.placeInBin(victim);
                unsortedCount++;
                if (returnCached && mp.tcacheUnsortedLimit > 0 && unsortedCount > mp.tcacheUnsortedLimit) {
                    return tcacheGet(t, ti);
                }
                if (++iters >= MAX_ITERS) {
                    break;
                }
            }
            if (returnCached) {
                return tcacheGet(t, ti);
            }
            if (nb >= Arena.MIN_LARGE) {
                Chunk bin = av.bins[idx];
                Chunk first = bin.fd;
                if (first != bin && first.size >= nb) {
                    victim = first.bkNext;
                    while (victim.size < nb) {
                        victim = victim.bkNext;
                    }
                    if (victim != bin.bk && victim.size == victim.fd.size) {
                        victim = victim.fd;
                    }
                    long rem = victim.size - nb;
                    av.unlink(victim);
                    if (rem >= MINSIZE) {
                        splitToUnsorted(av, victim, nb);
                    }
                    victim.state = Chunk.INUSE;
                    return victim;
                }
            }
            int b = av.nextNonEmptyBin(idx + 1);
            if (b > 0) {
                victim = av.bins[b].bk;
                long rem = victim.size - nb;
                av.unlink(victim);
                if (rem >= MINSIZE) {
                    Chunk r = splitOff(victim, nb);
                    av.insertUnsortedFront(r);
                    rss.freeChunkWritten(r);
                    if (nb < Arena.MIN_LARGE) {
                        av.lastRemainder = r.addr;
                    }
                }
                victim.state = Chunk.INUSE;
                return victim;
            }
            if (av.top.size >= nb + MINSIZE) {
                return splitTop(av, nb);
            } else if (av.haveFastchunks) {
                consolidate(av);
                idx = Arena.binIndex(nb);
            } else {
                return sysmalloc(nb, av);
            }
        }
    }

    // ---------------------------------------------------------------- _int_free

    /** glibc {@code _int_free(av, p)} for a heap chunk (state INUSE). */
    void intFree(Arena av, Chunk p) {
        long size = p.size;
        p.internal = false;
        if (tc != null && tc.heads != null) {
            int ti = tidx(size);
            if (ti < mp.tcacheBins && tc.counts[ti] < mp.tcacheCount) {
                tcachePut(tc, p, ti);
                return;
            }
        }
        if (mp.perturb != 0) {
            rss.touch(p.heap, p.addr + 2 * SIZE_SZ, p.end());
        }
        if (size <= mp.maxFast) {
            av.pushFast(p);
            rss.write(p.heap, p.addr + 2 * SIZE_SZ);
            return;
        }
        Chunk prevc = p.prev;
        if (prevc != null && prevc.state == Chunk.BINNED) {
            av.unlink(prevc);
            absorbNext(prevc);
            p = prevc;
        }
        Chunk next = p.next;
        if (next != av.top) {
            if (next.state == Chunk.BINNED) {
                av.unlink(next);
                absorbNext(p);
            }
            av.insertUnsortedFront(p);
            rss.freeChunkWritten(p);
        } else {
            mergeIntoTop(av, p);
        }
        if (p.size >= FASTBIN_CONSOLIDATION_THRESHOLD) {
            if (av.haveFastchunks) {
                consolidate(av);
            }
            if (av.main) {
                if (av.top.size >= mp.trimThreshold) {
                    systrim(mp.topPad, av);
                }
            } else {
                heapTrim(av.heap, mp.topPad);
            }
        }
    }

    /** glibc {@code malloc_consolidate}: fastbins 0..9, each LIFO, merged and put at the unsorted front. */
    void consolidate(Arena av) {
        av.haveFastchunks = false;
        for (int i = 0; i < Arena.NFASTBINS; i++) {
            Chunk p = av.fast[i];
            av.fast[i] = null;
            while (p != null) {
                Chunk nextp = p.fd;
                p.fd = null;
                av.fastCount--;
                av.fastBytes -= p.size;
                Chunk nextchunk = p.next;
                Chunk prevc = p.prev;
                if (prevc != null && prevc.state == Chunk.BINNED) {
                    av.unlink(prevc);
                    absorbNext(prevc);
                    p = prevc;
                }
                if (nextchunk != av.top) {
                    if (nextchunk.state == Chunk.BINNED) {
                        av.unlink(nextchunk);
                        absorbNext(p);
                    }
                    av.insertUnsortedFront(p);
                    rss.freeChunkWritten(p);
                } else {
                    mergeIntoTop(av, p);
                }
                p = nextp;
            }
        }
    }

    // ---------------------------------------------------------------- sysmalloc and friends

    /** Every live mmapped chunk, linked through fd/bk (which only binned chunks use otherwise). */
    private final Chunk mmapped = sentinel();

    private static Chunk sentinel() {
        Chunk s = new Chunk();
        s.state = Chunk.SENTINEL;
        s.fd = s;
        s.bk = s;
        return s;
    }

    void forEachMmapped(java.util.function.Consumer<Chunk> action) {
        for (Chunk c = mmapped.fd; c != mmapped; c = c.fd) {
            action.accept(c);
        }
    }

    /** glibc {@code sysmalloc_mmap}: one anonymous mapping per chunk. */
    Chunk mmapChunk(long nb) {
        long size = alignUp(nb + SIZE_SZ, PAGE);
        if (size <= nb || size >= ADDRESS_SPACE) {
            return null;
        }
        MmapChunk c = new MmapChunk();
        c.addr = nextMmap;
        nextMmap += size;
        c.size = size;
        c.state = Chunk.MMAPPED;
        c.mmapOffset = 0;
        mp.nMmaps++;
        mp.maxNMmaps = Math.max(mp.maxNMmaps, mp.nMmaps);
        mp.mmappedMem += size;
        mp.maxMmappedMem = Math.max(mp.maxMmappedMem, mp.mmappedMem);
        rss.mmapHeaderWritten(c);
        c.fd = mmapped.fd;
        c.bk = mmapped;
        mmapped.fd.bk = c;
        mmapped.fd = c;
        return c;
    }

    /** glibc {@code munmap_chunk}. */
    void munmapChunk(MmapChunk c) {
        mp.nMmaps--;
        mp.mmappedMem -= c.mmapOffset + c.size;
        rss.mmapReleased(c);
        c.fd.bk = c.bk;
        c.bk.fd = c.fd;
        c.fd = null;
        c.bk = null;
        recycle(c);
    }

    /**
     * glibc {@code mremap_chunk}: new mapping ALIGN_UP(nb + offset + 8); unchanged if the page count is the
     * same. Grows in place when the mapping is the last one made, else moves (MREMAP_MAYMOVE).
     */
    void mremapChunk(MmapChunk c, long nb) {
        long offset = c.mmapOffset;
        long total = offset + c.size;
        long newSize = alignUp(nb + offset + SIZE_SZ, PAGE);
        if (newSize == total) {
            return;
        }
        long start = c.addr - offset;
        if (newSize > total && start + total != nextMmap) {
            start = nextMmap;
            nextMmap += newSize;
            c.addr = start + offset;
        } else if (start + total == nextMmap) {
            nextMmap = start + newSize;
        }
        c.size = newSize - offset;
        mp.mmappedMem += newSize - total;
        mp.maxMmappedMem = Math.max(mp.maxMmappedMem, mp.mmappedMem);
        rss.mmapResized(c, total);
    }

    /** glibc {@code sysmalloc(nb, av)}. */
    Chunk sysmalloc(long nb, Arena av) {
        boolean triedMmap = false;
        if (nb >= mp.mmapThreshold && mp.nMmaps < mp.nMmapsMax) {
            Chunk m = mmapChunk(nb);
            if (m != null) {
                return m;
            }
            triedMmap = true;
        }
        Chunk oldTop = av.top;
        long oldSize = oldTop.size;
        if (!av.main) {
            Heap oldHeap = av.heap;
            long oldHeapSize = oldHeap.size;
            if (MINSIZE + nb - oldSize > 0 && growHeap(oldHeap, MINSIZE + nb - oldSize)) {
                av.systemMem += oldHeap.size - oldHeapSize;
                oldTop.size = oldHeap.end() - oldTop.addr;
            } else {
                Heap h = newHeap(av, nb + MINSIZE + HEAP_INFO, mp.topPad, oldHeap);
                if (h != null) {
                    av.systemMem += h.size;
                    Chunk hdr = newChunk();
                    hdr.addr = h.base;
                    hdr.size = HEAP_INFO;
                    hdr.state = Chunk.HEADER;
                    hdr.heap = h;
                    h.first = hdr;
                    Chunk top = newChunk();
                    top.addr = h.base + HEAP_INFO;
                    top.size = h.size - HEAP_INFO;
                    top.state = Chunk.TOP;
                    top.heap = h;
                    hdr.next = top;
                    top.prev = hdr;
                    rss.write(h, h.base);
                    rss.write(h, top.addr + SIZE_SZ);
                    av.heap = h;
                    av.top = top;
                    fenceOldTop(av, oldTop);
                } else if (!triedMmap) {
                    return mmapChunk(nb);
                } else {
                    return null;
                }
            }
        } else {
            long size = alignUp(nb + mp.topPad + MINSIZE - oldSize, PAGE);
            Heap h = av.heap;
            if (size <= 0 || h.size + size >= ADDRESS_SPACE) {
                return null;
            }
            h.size += size;
            av.systemMem += size;
            oldTop.size += size;
            h.mprotectSize = Math.max(h.mprotectSize, h.size);
            rss.write(h, oldTop.addr + SIZE_SZ);
        }
        if (av.systemMem > av.maxSystemMem) {
            av.maxSystemMem = av.systemMem;
        }
        if (av.top.size >= nb + MINSIZE) {
            return splitTop(av, nb);
        }
        return null;
    }

    /** The old top of a thread heap loses its last 32 bytes to the fencepost pair; the rest is freed. */
    private void fenceOldTop(Arena av, Chunk oldTop) {
        long keep = (oldTop.size - MINSIZE) & ~ALIGN_MASK;
        rss.write(oldTop.heap, oldTop.end() - 1);
        if (keep >= MINSIZE) {
            Chunk fence = splitOff(oldTop, keep);
            fence.state = Chunk.HEADER;
            oldTop.heap.fence = fence;
            oldTop.state = Chunk.INUSE;
            intFree(av, oldTop);
        } else {
            oldTop.state = Chunk.HEADER;
            oldTop.heap.fence = oldTop;
        }
    }

    /** glibc {@code new_heap}/{@code alloc_new_heap}: a 64 MiB-aligned reservation, initial part RW. */
    Heap newHeap(Arena av, long size, long topPad, Heap prev) {
        if (size + topPad < Params.HEAP_MIN) {
            size = Params.HEAP_MIN;
        } else if (size + topPad <= Params.HEAP_MAX) {
            size += topPad;
        } else if (size > Params.HEAP_MAX) {
            return null;
        } else {
            size = Params.HEAP_MAX;
        }
        size = alignUp(size, PAGE);
        Heap h = new Heap(av, nextHeapBase, prev, Params.HEAP_MAX);
        nextHeapBase -= Params.HEAP_MAX;
        h.size = size;
        h.mprotectSize = size;
        av.heapCount++;
        rss.heapMapped(h);
        return h;
    }

    /** glibc {@code grow_heap}: page-rounded, fails beyond 64 MiB; no top_pad. */
    boolean growHeap(Heap h, long diff) {
        diff = alignUp(diff, PAGE);
        long newSize = h.size + diff;
        if (newSize > Params.HEAP_MAX) {
            return false;
        }
        if (newSize > h.mprotectSize) {
            h.mprotectSize = newSize;
        }
        h.size = newSize;
        return true;
    }

    /** glibc {@code shrink_heap}: MADV_DONTNEED of the tail; the reservation stays. */
    private boolean shrinkHeap(Heap h, long diff) {
        long newSize = h.size - diff;
        if (newSize < HEAP_INFO) {
            return false;
        }
        rss.release(h, h.base + newSize, h.end());
        h.size = newSize;
        return true;
    }

    /** glibc {@code systrim(pad, main arena)}, including its quirk for tops smaller than 33 bytes. */
    int systrim(long pad, Arena av) {
        long topSize = av.top.size;
        long topArea = topSize - MINSIZE - 1;
        if (Long.compareUnsigned(topArea, pad) <= 0) {
            return 0;
        }
        long extra = alignDown(topArea - pad, PAGE);
        if (extra == 0) {
            return 0;
        }
        Heap h = av.heap;
        long oldEnd = h.end();
        h.size -= extra;
        av.systemMem -= extra;
        av.top.size -= extra;
        if (extra > 0) {
            rss.release(h, h.end(), oldEnd);
        } else {
            h.mprotectSize = Math.max(h.mprotectSize, h.size);
            av.maxSystemMem = Math.max(av.maxSystemMem, av.systemMem);
        }
        return 1;
    }

    /** glibc {@code heap_trim}: delete emptied newest heaps, then shrink the top of the current one. */
    int heapTrim(Heap heap, long pad) {
        Arena ar = heap.arena;
        Chunk top = ar.top;
        while (top.addr == heap.base + HEAP_INFO && heap.prev != null) {
            Heap prevHeap = heap.prev;
            Chunk fence = prevHeap.fence;
            Chunk before = fence.prev;
            long newSize = fence.size;
            boolean mergeBefore = before != null && before.state == Chunk.BINNED;
            if (mergeBefore) {
                newSize += before.size;
            }
            if (newSize + (Params.HEAP_MAX - prevHeap.size) < pad + MINSIZE + PAGE) {
                break;
            }
            ar.systemMem -= heap.size;
            ar.heapCount--;
            rss.heapUnmapped(heap);
            recycle(top);
            recycle(heap.first);
            heap = prevHeap;
            ar.heap = heap;
            Chunk t = fence;
            heap.fence = null;
            if (mergeBefore) {
                ar.unlink(before);
                absorbNext(before);
                t = before;
            }
            t.state = Chunk.TOP;
            t.internal = false;
            ar.top = t;
            top = t;
            rss.write(heap, t.addr + SIZE_SZ);
        }
        long topSize = top.size;
        if (Long.compareUnsigned(topSize, mp.trimThreshold) < 0) {
            return 0;
        }
        long topArea = topSize - MINSIZE - 1;
        if (topArea < 0 || Long.compareUnsigned(topArea, pad) <= 0) {
            return 0;
        }
        long extra = alignDown(topArea - pad, PAGE);
        if (extra == 0 || !shrinkHeap(heap, extra)) {
            return 0;
        }
        ar.systemMem -= extra;
        top.size -= extra;
        return 1;
    }

    /** glibc {@code mtrim(av, pad)}: consolidate, madvise whole free pages of big binned chunks, systrim (main). */
    int mtrim(Arena av, long pad) {
        consolidate(av);
        int psindex = Arena.binIndex(PAGE);
        int result = 0;
        for (int i = 1; i < Arena.NBINS; i++) {
            if (i != 1 && i < psindex) {
                continue;
            }
            Chunk bin = av.bins[i];
            for (Chunk p = bin.bk; p != bin; p = p.bk) {
                long size = p.size;
                if (size > PAGE - 1 + 48) {
                    long paligned = alignUp(p.addr + 48, PAGE);
                    size -= paligned - p.addr;
                    if (size > PAGE - 1) {
                        rss.release(p.heap, paligned, paligned + (size & -PAGE));
                        result = 1;
                    }
                }
            }
        }
        if (av.main) {
            result |= systrim(pad, av);
        }
        return result;
    }

    // ---------------------------------------------------------------- realloc / memalign

    /**
     * glibc {@code _int_realloc(av, oldp, oldsize, nb)} for a heap chunk. The caller has taken oldp out of
     * the live table; the returned chunk is INUSE (possibly oldp itself). Null on failure.
     */
    Chunk intRealloc(Arena av, Chunk oldp, long nb) {
        long oldSize = oldp.size;
        Chunk next = oldp.next;
        Chunk newp;
        if (oldSize >= nb) {
            newp = oldp;
        } else if (next == av.top && oldSize + next.size >= nb + MINSIZE) {
            long grow = nb - oldSize;
            oldp.size = nb;
            next.addr += grow;
            next.size -= grow;
            rss.write(next.heap, next.addr + SIZE_SZ);
            return oldp;
        } else if (next != av.top && next.state == Chunk.BINNED && oldSize + next.size >= nb) {
            av.unlink(next);
            absorbNext(oldp);
            newp = oldp;
        } else {
            Chunk m = intMalloc(av, nb);
            if (m == null) {
                return null;
            }
            if (m == oldp.next && m.state != Chunk.MMAPPED) {
                absorbNext(oldp);
                newp = oldp;
            } else {
                rss.userWrite(m, oldSize - SIZE_SZ); // memcpy of the old contents
                oldp.state = Chunk.INUSE;
                intFree(av, oldp);
                return m;
            }
        }
        long rem = newp.size - nb;
        if (rem >= MINSIZE) {
            Chunk r = splitOff(newp, nb);
            r.state = Chunk.INUSE;
            r.tag = newp.tag;
            intFree(av, r);
        }
        return newp;
    }

    /** glibc {@code _int_memalign(av, alignment, bytes)}; alignment is a power of two ≥ 32. */
    Chunk intMemalign(Arena av, long alignment, long bytes) {
        long nb = request2size(bytes);
        Chunk p = intMalloc(av, request2size(nb + alignment + MINSIZE));
        if (p == null) {
            return null;
        }
        long mem = p.addr + 2 * SIZE_SZ;
        if (mem % alignment != 0) {
            long brk = ((mem + alignment - 1) & -alignment) - 2 * SIZE_SZ;
            if (brk - p.addr < MINSIZE) {
                brk += alignment;
            }
            long lead = brk - p.addr;
            if (p.state == Chunk.MMAPPED) {
                ((MmapChunk) p).mmapOffset += lead;
                p.addr = brk;
                p.size -= lead;
                return p;
            }
            Chunk newp = splitOff(p, lead);
            newp.state = Chunk.INUSE;
            p.state = Chunk.INUSE;
            rss.write(newp.heap, newp.addr + SIZE_SZ);
            intFree(av, p);
            p = newp;
        }
        if (p.state != Chunk.MMAPPED && p.size > nb + MINSIZE) {
            Chunk r = splitOff(p, nb);
            r.state = Chunk.INUSE;
            rss.write(r.heap, r.addr + SIZE_SZ);
            intFree(av, r);
        }
        return p;
    }
}
