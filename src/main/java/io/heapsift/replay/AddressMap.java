package io.heapsift.replay;

import io.heapsift.model.LiveBlocks;

/**
 * The replay's own table of live blocks, for models that keep none ({@link LiveBlocks}): trace address → model
 * address, requested size, chunk size, stack id (open addressing over one interleaved primitive array: an entry's
 * five fields share a cache line or two, so a lookup costs one or two cache misses instead of one per field) and the
 * model's handle (a parallel array), with backward-shift deletion, so the replay's hot path allocates nothing.
 * Keys are never 0 (NULL) or {@code NO_ADDRESS}.
 */
final class AddressMap extends LiveBlocks {
    /** Longs per entry: key, model address, size, chunk size, stack id. */
    private static final int W = 5;
    private long[] t;
    /** The model's handle on each block ({@code AllocatorModel.lastBlock()}), parallel to the entries; may be null. */
    private Object[] blocks;
    private int mask;
    private int size;

    AddressMap(int expected) {
        alloc(Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1);
    }

    AddressMap() {
        this(1024);
    }

    private void alloc(int cap) {
        t = new long[cap * W];
        blocks = new Object[cap];
        mask = cap - 1;
    }

    /**
     * Locality-preserving: within a 64 KiB window the slot follows the address (addresses are 16-aligned), so
     * blocks allocated next to each other — the common case, from the top chunk or one bin — share cache lines and
     * pages of the table; the window number is mixed in (Fibonacci hashing) so that windows land far apart and
     * regularly spaced addresses (page-aligned mmapped chunks, equal offsets in different heaps) do not collide.
     */
    private static int hash(long k) {
        return (int) (k >>> 4) + (int) (((k >>> 16) * 0x9E3779B97F4A7C15L) >>> 32);
    }

    @Override
    public int size() {
        return size;
    }

    private void found(long[] t, int o) {
        foundModel = t[o + 1];
        foundSize = t[o + 2];
        foundChunk = t[o + 3];
        foundStack = (int) t[o + 4];
        foundBlock = blocks[o / W];
    }

    /**
     * Reads the slot an address hashes to and returns its key: called before the model's work on an allocation, so
     * that this table's cache miss for the coming {@link #put} overlaps with the model's own misses.
     */
    @Override
    public long touch(long addr) {
        return t[(hash(addr) & mask) * W];
    }

    /** Looks a block up; fills the found* fields. */
    @Override
    public boolean get(long addr) {
        long[] t = this.t;
        int mask = this.mask;
        for (int i = hash(addr) & mask; ; i = (i + 1) & mask) {
            int o = i * W;
            long k = t[o];
            if (k == 0) return false;
            if (k == addr) {
                found(t, o);
                return true;
            }
        }
    }

    /** Inserts or replaces; returns true if the address was already present (found* then hold the old block). */
    boolean put(long addr, long modelAddr, long sz, int stack) {
        return put(addr, modelAddr, sz, 0, stack, null);
    }

    /** Inserts or replaces, with the chunk size and the model's handle; returns true if the address was present. */
    @Override
    public boolean put(long addr, long modelAddr, long sz, long chunk, int stack, Object block) {
        if ((size + 1) * 2 > mask + 1) grow();
        long[] t = this.t;
        int mask = this.mask;
        for (int i = hash(addr) & mask; ; i = (i + 1) & mask) {
            int o = i * W;
            long k = t[o];
            if (k == 0 || k == addr) {
                boolean existed = k == addr;
                if (existed) {
                    found(t, o);
                } else {
                    size++;
                }
                t[o] = addr;
                t[o + 1] = modelAddr;
                t[o + 2] = sz;
                t[o + 3] = chunk;
                t[o + 4] = stack;
                blocks[i] = block;
                return existed;
            }
        }
    }

    /** Removes a block; fills the found* fields and returns true if it was present. */
    @Override
    public boolean remove(long addr) {
        long[] t = this.t;
        int mask = this.mask;
        int i = hash(addr) & mask;
        while (true) {
            long k = t[i * W];
            if (k == 0) return false;
            if (k == addr) break;
            i = (i + 1) & mask;
        }
        found(t, i * W);
        size--;
        // backward-shift deletion keeps probe chains intact without tombstones
        int hole = i;
        for (int j = (i + 1) & mask; ; j = (j + 1) & mask) {
            int oj = j * W;
            long k = t[oj];
            if (k == 0) break;
            int home = hash(k) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                int oh = hole * W;
                t[oh] = k;
                t[oh + 1] = t[oj + 1];
                t[oh + 2] = t[oj + 2];
                t[oh + 3] = t[oj + 3];
                t[oh + 4] = t[oj + 4];
                blocks[hole] = blocks[j];
                hole = j;
            }
        }
        t[hole * W] = 0;
        blocks[hole] = null;
        return true;
    }

    /** Visits every block (no mutation during the walk). */
    @Override
    public void forEach(Visitor v) {
        long[] t = this.t;
        for (int o = 0; o < t.length; o += W) {
            if (t[o] != 0) v.visit(t[o], t[o + 1], t[o + 2], (int) t[o + 4]);
        }
    }

    private void grow() {
        long[] old = t;
        Object[] oldBlocks = blocks;
        alloc((mask + 1) * 2);
        size = 0;
        for (int o = 0; o < old.length; o += W) {
            if (old[o] != 0) put(old[o], old[o + 1], old[o + 2], old[o + 3], (int) old[o + 4], oldBlocks[o / W]);
        }
    }
}
