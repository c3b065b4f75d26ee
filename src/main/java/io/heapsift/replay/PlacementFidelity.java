package io.heapsift.replay;

/**
 * How often the model put an allocation where glibc put it, judged from the trace's own addresses (only
 * meaningful for captures that record glibc's addresses: bpftrace, ltrace, memleak -t; not valgrind).
 * An allocation is <em>placed exactly</em> when the model serves it from the same side (heap or direct mmap)
 * at the same offset: main arena — offset from the sbrk base (inferred from the first main-arena allocation,
 * rounded to its page); thread heaps — {@code address & (64 MiB − 1)}; mmapped chunks — the offset inside the page.
 *
 * @param placed            allocations compared (address shown, model placement known)
 * @param placedExact       of those, same side and same offset
 * @param sameSide          of those, served from a heap by both or mmapped by both
 * @param mainPlaced        compared allocations that glibc served from the main arena (brk heap)
 * @param mainExact         of those, placed exactly
 * @param threadPlaced      compared allocations glibc served from a thread heap
 * @param threadExact       of those, placed exactly
 * @param mmapPlaced        compared allocations glibc served by a direct mmap
 * @param mmapExact         of those, placed exactly
 * @param sbrkBase          the inferred sbrk base of the traced process, or 0 if no main-arena allocation was seen
 * @param firstMismatchLine input line of the first allocation not placed exactly, 0 if none
 * @param firstMismatch     what differed there (glibc's vs the model's side and offset), or null
 */
public record PlacementFidelity(long placed, long placedExact, long sameSide, long mainPlaced, long mainExact,
                                long threadPlaced, long threadExact, long mmapPlaced, long mmapExact, long sbrkBase,
                                long firstMismatchLine, String firstMismatch) {

    /** placedExact / placed, or 1 when nothing was compared. */
    public double placedExactShare() {
        return placed == 0 ? 1.0 : (double) placedExact / placed;
    }

    /** sameSide / placed, or 1 when nothing was compared. */
    public double sameSideShare() {
        return placed == 0 ? 1.0 : (double) sameSide / placed;
    }
}
