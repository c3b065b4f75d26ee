package io.heapsift.event;

/** Which allocation entry point produced a block. */
public enum AllocKind {
    MALLOC, CALLOC, MEMALIGN, POSIX_MEMALIGN, ALIGNED_ALLOC, VALLOC, PVALLOC,
    /** C++ {@code operator new} (any overload but the array ones). */
    NEW,
    /** C++ {@code operator new[]}. */
    NEW_ARRAY,
    /** An {@code mmap} recorded as an allocation (bcc memleak ≥ 0.25 probes mmap). */
    MMAP,
    /** A kernel allocation (kmalloc, kmem_cache_alloc, pages) from memleak's kernel mode. */
    KERNEL,
    /** The tool did not say which call it was (memleak {@code -t}). */
    UNKNOWN;

    /** True for the calls whose block glibc serves with malloc-compatible alignment semantics. */
    public boolean isAligned() {
        return this == MEMALIGN || this == POSIX_MEMALIGN || this == ALIGNED_ALLOC || this == VALLOC || this == PVALLOC;
    }
}
