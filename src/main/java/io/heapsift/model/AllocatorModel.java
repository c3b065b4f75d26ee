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
}
