package io.heapsift.replay;

import io.heapsift.model.PlacementBuffer;

import java.util.HashSet;
import java.util.Set;

/**
 * Compares the model's placement of each allocation with glibc's, as seen in the trace's address
 * (see {@link PlacementFidelity} for the rules). Also classifies trace addresses for late binding.
 */
final class PlacementCheck {

    /** Where an address lives. */
    enum Side { MAIN, THREAD, MMAP }

    static final long HEAP_MASK = (64L << 20) - 1;
    private static final long MAIN_SPAN = 1L << 40;

    private long sbrkBase;
    private final Set<Long> heapWindows = new HashSet<>();
    private long placed, exact, sameSide, mainPlaced, mainExact, threadPlaced, threadExact, mmapPlaced, mmapExact;
    private long firstMismatchLine;
    private String firstMismatch;

    /** Compares one allocation; {@code aligned} for memalign-family calls (their page offsets say nothing). */
    void compare(long traceAddr, PlacementBuffer p, long line, boolean aligned) {
        Side model = sideOf(p);
        if (sbrkBase == 0 && model == Side.MAIN) {
            // the sbrk base is page-aligned: round to the nearest page so that a small model error stays visible
            sbrkBase = (traceAddr - p.heapOffset + 2048) & ~4095L;
        }
        Side glibc = side(traceAddr, aligned, model);
        if (glibc == Side.THREAD && model == Side.THREAD) heapWindows.add(traceAddr & ~HEAP_MASK);
        long offset = offset(traceAddr, glibc);
        boolean same = glibc == model;
        boolean ok = same && (glibc == Side.MMAP ? (offset & 4095) == (p.heapOffset & 4095) : offset == p.heapOffset);
        placed++;
        if (same) sameSide++;
        if (ok) exact++;
        switch (glibc) {
            case MAIN -> { mainPlaced++; if (ok) mainExact++; }
            case THREAD -> { threadPlaced++; if (ok) threadExact++; }
            case MMAP -> { mmapPlaced++; if (ok) mmapExact++; }
        }
        if (!ok && firstMismatchLine == 0) {
            firstMismatchLine = Math.max(1, line);
            firstMismatch = String.format("glibc %s+0x%x, model %s+0x%x (chunk %d)", glibc.name().toLowerCase(),
                    offset, model.name().toLowerCase(), p.heapOffset, p.chunkSize);
        }
    }

    static Side sideOf(PlacementBuffer p) {
        return p.mmapped ? Side.MMAP : p.arena == 0 ? Side.MAIN : Side.THREAD;
    }

    /**
     * glibc's side for a trace address: the brk heap lies within 1 TiB above the sbrk base; elsewhere a
     * non-aligned chunk at page offset 0x10 is a direct mmap, anything else is in a thread heap.
     */
    Side side(long addr, boolean aligned, Side hint) {
        if (sbrkBase != 0 && Long.compareUnsigned(addr - sbrkBase, MAIN_SPAN) < 0) return Side.MAIN;
        if (heapWindows.contains(addr & ~HEAP_MASK)) return Side.THREAD;
        if (aligned) return hint == Side.MAIN ? Side.THREAD : hint;
        if ((addr & 4095) == 0x10) return Side.MMAP;
        heapWindows.add(addr & ~HEAP_MASK);
        return Side.THREAD;
    }

    /** The offset compared for an address on a side. */
    long offset(long addr, Side side) {
        return switch (side) {
            case MAIN -> addr - sbrkBase;
            case THREAD -> addr & HEAP_MASK;
            case MMAP -> addr & 4095;
        };
    }

    /** A key for late binding: side and offset of a trace address (no learning). */
    long key(long traceAddr) {
        Side s;
        if (sbrkBase != 0 && Long.compareUnsigned(traceAddr - sbrkBase, MAIN_SPAN) < 0) s = Side.MAIN;
        else if ((traceAddr & 4095) == 0x10 && !heapWindows.contains(traceAddr & ~HEAP_MASK)) s = Side.MMAP;
        else s = Side.THREAD;
        return key(s, offset(traceAddr, s));
    }

    /**
     * The other late-binding key a trace address may have: an aligned block in a direct mmap does not sit at page
     * offset 0x10, so an address outside the brk heap may be either a thread-heap or an mmapped chunk.
     */
    long alternateKey(long traceAddr) {
        if (sbrkBase != 0 && Long.compareUnsigned(traceAddr - sbrkBase, MAIN_SPAN) < 0) return -1;
        return key(Side.MMAP, traceAddr & 4095);
    }

    /** The late-binding key of a model placement. */
    static long key(PlacementBuffer p) {
        Side s = sideOf(p);
        return key(s, s == Side.MMAP ? p.heapOffset & 4095 : p.heapOffset);
    }

    private static long key(Side s, long offset) {
        return ((long) s.ordinal() << 60) | (offset & ((1L << 60) - 1));
    }

    boolean baseKnown() {
        return sbrkBase != 0;
    }

    PlacementFidelity result() {
        return new PlacementFidelity(placed, exact, sameSide, mainPlaced, mainExact, threadPlaced, threadExact,
                mmapPlaced, mmapExact, sbrkBase, firstMismatchLine, firstMismatch);
    }
}
