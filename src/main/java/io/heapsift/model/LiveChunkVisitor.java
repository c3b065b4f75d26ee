package io.heapsift.model;

/** Receives every live (program-owned) chunk of an {@link AllocatorModel}; allocator-internal chunks are not visited. */
@FunctionalInterface
public interface LiveChunkVisitor {

    /**
     * @param address   the user address the model returned
     * @param requested bytes the program asked for
     * @param chunkSize chunk bytes (header and rounding included; whole mapping minus alignment gap for mmapped)
     * @param tag       the caller tag given at allocation (stack id)
     * @param arena     0 = main, 1.. = thread arenas in creation order, -1 = mmapped
     * @param mmapped   served by a direct mmap
     */
    void visit(long address, long requested, long chunkSize, int tag, int arena, boolean mmapped);
}
