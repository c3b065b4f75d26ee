package io.heapsift.model.glibc;

/** glibc's {@code struct malloc_par mp_} plus global_max_fast and perturb_byte: the live, mutable parameters. */
final class Params {
    static final long DEFAULT_MMAP_THRESHOLD_MAX = 32L << 20;
    static final long HEAP_MAX = 64L << 20;
    static final long HEAP_MIN = 32L << 10;

    long mmapThreshold;
    long trimThreshold;
    long topPad;
    long nMmapsMax;
    boolean noDynThreshold;
    long arenaMax;
    long arenaTest;
    long tcacheCount;
    int tcacheBins;
    long tcacheUnsortedLimit;
    long maxFast;
    int perturb;
    int cpus;

    long nMmaps;
    long mmappedMem;
    long maxNMmaps;
    long maxMmappedMem;

    Params(ModelConfig c) {
        mmapThreshold = c.mmapThreshold();
        trimThreshold = c.trimThreshold();
        topPad = c.topPad();
        nMmapsMax = c.mmapMax();
        noDynThreshold = c.dynamicThresholdFrozen();
        arenaMax = c.arenaMax();
        arenaTest = c.arenaTest();
        tcacheCount = c.tcacheCount();
        tcacheBins = c.tcacheBins();
        tcacheUnsortedLimit = c.tcacheUnsortedLimit();
        maxFast = c.maxFast();
        perturb = (int) c.perturb();
        cpus = c.cpus();
    }

    /** size_t view of a C int argument: negative values wrap to huge sizes (clamped to Long.MAX_VALUE). */
    static long sizeT(long v) {
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
