package io.heapsift.replay;

/**
 * Trace address → live block (model address, requested size, stack id): open addressing over parallel
 * primitive arrays with backward-shift deletion, so the replay's hot path allocates nothing.
 * Keys are never 0 (NULL) or {@code NO_ADDRESS}.
 */
final class AddressMap {
    private long[] keys;
    private long[] model;
    private long[] sizes;
    private long[] chunks;
    private int[] stacks;
    private int size;

    /** Filled by a successful {@link #remove} or {@link #get}. */
    long foundModel;
    long foundSize;
    long foundChunk;
    int foundStack;

    AddressMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        model = new long[cap];
        sizes = new long[cap];
        chunks = new long[cap];
        stacks = new int[cap];
    }

    AddressMap() {
        this(1024);
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    int size() {
        return size;
    }

    /** Looks a block up; fills the found* fields. */
    boolean get(long addr) {
        int mask = keys.length - 1;
        for (int i = hash(addr) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == 0) return false;
            if (k == addr) {
                foundModel = model[i];
                foundSize = sizes[i];
                foundChunk = chunks[i];
                foundStack = stacks[i];
                return true;
            }
        }
    }

    /** Inserts or replaces; returns true if the address was already present (found* then hold the old block). */
    boolean put(long addr, long modelAddr, long sz, int stack) {
        return put(addr, modelAddr, sz, 0, stack);
    }

    /** Inserts or replaces, with the chunk size; returns true if the address was already present. */
    boolean put(long addr, long modelAddr, long sz, long chunk, int stack) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = hash(addr) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == 0 || k == addr) {
                boolean existed = k == addr;
                if (existed) {
                    foundModel = model[i];
                    foundSize = sizes[i];
                    foundChunk = chunks[i];
                    foundStack = stacks[i];
                } else {
                    size++;
                }
                keys[i] = addr;
                model[i] = modelAddr;
                sizes[i] = sz;
                chunks[i] = chunk;
                stacks[i] = stack;
                return existed;
            }
        }
    }

    /** Removes a block; fills the found* fields and returns true if it was present. */
    boolean remove(long addr) {
        int mask = keys.length - 1;
        int i = hash(addr) & mask;
        while (true) {
            long k = keys[i];
            if (k == 0) return false;
            if (k == addr) break;
            i = (i + 1) & mask;
        }
        foundModel = model[i];
        foundSize = sizes[i];
        foundChunk = chunks[i];
        foundStack = stacks[i];
        size--;
        // backward-shift deletion keeps probe chains intact without tombstones
        int hole = i;
        for (int j = (i + 1) & mask; ; j = (j + 1) & mask) {
            long k = keys[j];
            if (k == 0) break;
            int home = hash(k) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = k;
                model[hole] = model[j];
                sizes[hole] = sizes[j];
                chunks[hole] = chunks[j];
                stacks[hole] = stacks[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        return true;
    }

    /** Visits every block (no mutation during the walk). */
    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) v.visit(keys[i], model[i], sizes[i], stacks[i]);
        }
    }

    /** Receives one block of {@link #forEach}. */
    interface Visitor {
        void visit(long traceAddr, long modelAddr, long size, int stack);
    }

    private void grow() {
        long[] ok = keys, om = model, os = sizes, oc = chunks;
        int[] ost = stacks;
        int cap = ok.length * 2;
        keys = new long[cap];
        model = new long[cap];
        sizes = new long[cap];
        chunks = new long[cap];
        stacks = new int[cap];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != 0) put(ok[i], om[i], os[i], oc[i], ost[i]);
        }
    }
}
