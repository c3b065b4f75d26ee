package io.heapsift.model.glibc;

/**
 * A contiguous region owned by one arena: the brk heap of the main arena, or one 64 MiB-aligned heap of a
 * thread arena. Tracks its current size (RW part counted in system_mem), its high-water mark
 * (mprotect_size, or max_system_mem for the main heap) and which of its pages are resident.
 */
final class Heap {
    static final int PAGE_SHIFT = 12;
    static final long PAGE = 1L << PAGE_SHIFT;

    final Arena arena;
    final long base;
    /** The previous (older) heap of a thread arena; null for the first heap and the main heap. */
    final Heap prev;
    /** Current size in bytes (brk − sbrk_base for the main heap). */
    long size;
    /** Bytes ever made RW (thread heap: mprotect_size). */
    long mprotectSize;
    /** The chunk at {@link #base}: header chunk for thread heaps, first chunk (or top) for the main heap. */
    Chunk first;
    /** The fencepost pair ending a non-final thread heap (null while the heap holds top). */
    Chunk fence;
    /** One bit per page of the heap: resident (touched and not released). */
    private long[] resident;
    /** Number of set bits in {@link #resident}. */
    long residentPages;

    Heap(Arena arena, long base, Heap prev, long maxBytes) {
        this.arena = arena;
        this.base = base;
        this.prev = prev;
        this.resident = new long[(int) Math.max(4, Math.min(maxBytes >>> (PAGE_SHIFT + 6), 1 << 12))];
    }

    long end() {
        return base + size;
    }

    /** Marks the pages covering [from, to) resident; returns the number of pages that became resident. */
    long touch(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long p0 = (from - base) >>> PAGE_SHIFT;
        long p1 = (to - 1 - base) >>> PAGE_SHIFT;
        if (p0 == p1 && (p0 >>> 6) < resident.length) {
            long bit = 1L << (p0 & 63);
            int w = (int) (p0 >>> 6);
            long old = resident[w];
            if ((old & bit) != 0) {
                return 0;
            }
            resident[w] = old | bit;
            residentPages++;
            return 1;
        }
        ensure(p1);
        long added = 0;
        int w0 = (int) (p0 >>> 6);
        int w1 = (int) (p1 >>> 6);
        for (int w = w0; w <= w1; w++) {
            long m = -1L;
            if (w == w0) {
                m &= -1L << (p0 & 63);
            }
            if (w == w1) {
                m &= -1L >>> (63 - (p1 & 63));
            }
            long old = resident[w];
            if ((old & m) != m) {
                added += Long.bitCount(m & ~old);
                resident[w] = old | m;
            }
        }
        residentPages += added;
        return added;
    }

    /** Marks the whole pages inside [from, to) non-resident (both page aligned); returns pages released. */
    long release(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long p0 = (from - base) >>> PAGE_SHIFT;
        long p1 = ((to - base) >>> PAGE_SHIFT) - 1;
        if (p0 > p1) {
            return 0;
        }
        long maxPage = ((long) resident.length << 6) - 1;
        if (p0 > maxPage) {
            return 0;
        }
        p1 = Math.min(p1, maxPage);
        long removed = 0;
        int w0 = (int) (p0 >>> 6);
        int w1 = (int) (p1 >>> 6);
        for (int w = w0; w <= w1; w++) {
            long m = -1L;
            if (w == w0) {
                m &= -1L << (p0 & 63);
            }
            if (w == w1) {
                m &= -1L >>> (63 - (p1 & 63));
            }
            long old = resident[w];
            if ((old & m) != 0) {
                removed += Long.bitCount(old & m);
                resident[w] = old & ~m;
            }
        }
        residentPages -= removed;
        return removed;
    }

    /** Resident pages among the whole pages inside [from, to) (page aligned). */
    long residentIn(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long p0 = (from - base) >>> PAGE_SHIFT;
        long p1 = ((to - base) >>> PAGE_SHIFT) - 1;
        long maxPage = ((long) resident.length << 6) - 1;
        p1 = Math.min(p1, maxPage);
        long n = 0;
        for (long p = p0; p <= p1; ) {
            int w = (int) (p >>> 6);
            long m = -1L << (p & 63);
            long lastInWord = (p | 63);
            if (lastInWord > p1) {
                m &= -1L >>> (63 - (p1 & 63));
            }
            n += Long.bitCount(resident[w] & m);
            p = lastInWord + 1;
        }
        return n;
    }

    boolean isResident(long addr) {
        long p = (addr - base) >>> PAGE_SHIFT;
        int w = (int) (p >>> 6);
        return w < resident.length && (resident[w] & (1L << (p & 63))) != 0;
    }

    private void ensure(long page) {
        int w = (int) (page >>> 6);
        if (w >= resident.length) {
            int n = resident.length;
            while (n <= w) {
                n *= 2;
            }
            resident = java.util.Arrays.copyOf(resident, n);
        }
    }
}
