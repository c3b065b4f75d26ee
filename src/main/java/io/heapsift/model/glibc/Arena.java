package io.heapsift.model.glibc;

/**
 * One malloc_state: top, fastbins, the 126 regular bins (1 = unsorted, 2..63 small, 64..126 large, kept
 * exactly like glibc's doubly linked lists incl. the large-bin size skip list), last_remainder, and the
 * counters mallinfo needs (kept incrementally so that statistics cost O(1)).
 */
final class Arena {
    static final int NBINS = 128;
    static final int NFASTBINS = 10;
    static final long MIN_LARGE = 1024;

    /** 0 = main arena; thread arenas are numbered 1.. in creation order. */
    final int index;
    final boolean main;
    /** Newest heap (the one holding top). */
    Heap heap;
    Chunk top;
    final Chunk[] bins = new Chunk[NBINS];
    final Chunk[] fast = new Chunk[NFASTBINS];
    /** Non-empty regular bins 2..126 (replaces glibc's lazily cleared binmap; same scan result). */
    private long binmapLo;
    private long binmapHi;
    long lastRemainder;
    boolean haveFastchunks;
    long systemMem;
    long maxSystemMem;
    int attachedThreads;
    Arena next;
    Arena nextFree;
    boolean onFreeList;
    int heapCount;
    long binnedCount;
    long binnedBytes;
    long fastCount;
    long fastBytes;
    /** Bytes of this arena's chunks parked in any thread's tcache. */
    long tcacheBytes;

    Arena(int index) {
        this.index = index;
        this.main = index == 0;
        for (int i = 1; i < NBINS; i++) {
            Chunk s = new Chunk();
            s.state = Chunk.SENTINEL;
            s.bin = (byte) i;
            s.fd = s;
            s.bk = s;
            bins[i] = s;
        }
    }

    static int smallIndex(long size) {
        return (int) (size >>> 4);
    }

    static int largeIndex(long sz) {
        if ((sz >>> 6) <= 48) {
            return 48 + (int) (sz >>> 6);
        }
        if ((sz >>> 9) <= 20) {
            return 91 + (int) (sz >>> 9);
        }
        if ((sz >>> 12) <= 10) {
            return 110 + (int) (sz >>> 12);
        }
        if ((sz >>> 15) <= 4) {
            return 119 + (int) (sz >>> 15);
        }
        if ((sz >>> 18) <= 2) {
            return 124 + (int) (sz >>> 18);
        }
        return 126;
    }

    static int binIndex(long size) {
        return size < MIN_LARGE ? smallIndex(size) : largeIndex(size);
    }

    static int fastIndex(long size) {
        return (int) (size >>> 4) - 2;
    }

    /** First non-empty regular bin with index ≥ from, or -1. */
    int nextNonEmptyBin(int from) {
        if (from < 64) {
            long m = binmapLo & (-1L << from);
            if (m != 0) {
                return Long.numberOfTrailingZeros(m);
            }
            from = 64;
        }
        if (from < 128) {
            long m = binmapHi & (-1L << (from - 64));
            if (m != 0) {
                return 64 + Long.numberOfTrailingZeros(m);
            }
        }
        return -1;
    }

    private void mark(int i) {
        if (i > 1) {
            if (i < 64) {
                binmapLo |= 1L << i;
            } else {
                binmapHi |= 1L << (i - 64);
            }
        }
    }

    private void unmarkIfEmpty(int i) {
        Chunk s = bins[i];
        if (i > 1 && s.fd == s) {
            if (i < 64) {
                binmapLo &= ~(1L << i);
            } else {
                binmapHi &= ~(1L << (i - 64));
            }
        }
    }

    private void added(Chunk p, int i) {
        p.state = Chunk.BINNED;
        p.bin = (byte) i;
        binnedCount++;
        binnedBytes += p.size;
    }

    /** Front insertion into the unsorted bin (free, consolidate and split remainders). */
    void insertUnsortedFront(Chunk p) {
        Chunk bck = bins[1];
        Chunk fwd = bck.fd;
        p.fd = fwd;
        p.bk = bck;
        p.fdNext = null;
        p.bkNext = null;
        bck.fd = p;
        fwd.bk = p;
        added(p, 1);
    }

    /** Takes the chunk at the tail of the unsorted bin out (the scan's "remove from unsorted list"). */
    void removeUnsortedTail(Chunk victim) {
        Chunk u = bins[1];
        Chunk bck = victim.bk;
        u.bk = bck;
        bck.fd = u;
        binnedCount--;
        binnedBytes -= victim.size;
    }

    /** Places a chunk taken from the unsorted bin into its small or large bin, as the unsorted scan does. */
    void placeInBin(Chunk victim) {
        long size = victim.size;
        int vi;
        Chunk bck;
        Chunk fwd;
        if (size < MIN_LARGE) {
            vi = smallIndex(size);
            bck = bins[vi];
            fwd = bck.fd;
        } else {
            vi = largeIndex(size);
            bck = bins[vi];
            fwd = bck.fd;
            if (fwd != bck) {
                if (size < bck.bk.size) {
                    fwd = bck;
                    bck = bck.bk;
                    victim.fdNext = fwd.fd;
                    victim.bkNext = fwd.fd.bkNext;
                    fwd.fd.bkNext = victim;
                    victim.bkNext.fdNext = victim;
                } else {
                    while (size < fwd.size) {
                        fwd = fwd.fdNext;
                    }
                    if (size == fwd.size) {
                        fwd = fwd.fd; // always insert in the second position
                        victim.fdNext = null;
                        victim.bkNext = null;
                    } else {
                        victim.fdNext = fwd;
                        victim.bkNext = fwd.bkNext;
                        fwd.bkNext = victim;
                        victim.bkNext.fdNext = victim;
                    }
                    bck = fwd.bk;
                }
            } else {
                victim.fdNext = victim;
                victim.bkNext = victim;
            }
        }
        mark(vi);
        victim.bk = bck;
        victim.fd = fwd;
        fwd.bk = victim;
        bck.fd = victim;
        added(victim, vi);
    }

    /** glibc's unlink_chunk: removes a chunk from whatever regular bin holds it. */
    void unlink(Chunk p) {
        Chunk fd = p.fd;
        Chunk bk = p.bk;
        fd.bk = bk;
        bk.fd = fd;
        if (p.size >= MIN_LARGE && p.fdNext != null) {
            if (fd.state != Chunk.SENTINEL && fd.fdNext == null) {
                if (p.fdNext == p) {
                    fd.fdNext = fd;
                    fd.bkNext = fd;
                } else {
                    fd.fdNext = p.fdNext;
                    fd.bkNext = p.bkNext;
                    p.fdNext.bkNext = fd;
                    p.bkNext.fdNext = fd;
                }
            } else {
                p.fdNext.bkNext = p.bkNext;
                p.bkNext.fdNext = p.fdNext;
            }
        }
        p.fdNext = null;
        p.bkNext = null;
        binnedCount--;
        binnedBytes -= p.size;
        unmarkIfEmpty(p.bin);
    }

    /** Removes the tail (oldest) chunk of a small bin. */
    Chunk takeSmallTail(int idx) {
        Chunk bin = bins[idx];
        Chunk victim = bin.bk;
        if (victim == bin) {
            return null;
        }
        Chunk bck = victim.bk;
        bin.bk = bck;
        bck.fd = bin;
        binnedCount--;
        binnedBytes -= victim.size;
        unmarkIfEmpty(idx);
        return victim;
    }

    void pushFast(Chunk p) {
        int i = fastIndex(p.size);
        p.fd = fast[i];
        fast[i] = p;
        p.state = Chunk.FAST;
        fastCount++;
        fastBytes += p.size;
        haveFastchunks = true;
    }

    Chunk popFast(int i) {
        Chunk p = fast[i];
        if (p != null) {
            fast[i] = p.fd;
            p.fd = null;
            fastCount--;
            fastBytes -= p.size;
        }
        return p;
    }

    long topSize() {
        return top == null ? 0 : top.size;
    }

    /** mallinfo's avail for this arena. */
    long avail() {
        return topSize() + fastBytes + binnedBytes;
    }
}
