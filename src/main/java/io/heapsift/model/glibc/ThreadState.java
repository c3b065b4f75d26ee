package io.heapsift.model.glibc;

/** Per-thread allocator state: the cached arena ({@code thread_arena}) and the tcache. */
final class ThreadState {
    static final int TCACHE_MAX_BINS = 64;

    final int tid;
    Arena arena;
    /** The tcache_perthread_struct chunk; null before tcache_init (or after shutdown). */
    Chunk tcacheStruct;
    /** Heads of the 64 tcache bins (LIFO, linked through {@link Chunk#fd}); null when there is no tcache. */
    Chunk[] heads;
    int[] counts;
    boolean shuttingDown;

    ThreadState(int tid) {
        this.tid = tid;
    }

    boolean hasTcache() {
        return heads != null;
    }

    void createTcache(Chunk struct) {
        tcacheStruct = struct;
        heads = new Chunk[TCACHE_MAX_BINS];
        counts = new int[TCACHE_MAX_BINS];
    }
}
