package io.heapsift.table;

/**
 * Live blocks keyed by address: open addressing over parallel primitive arrays, so a live block
 * costs about 28 bytes and no object. Address 0 (NULL) is never stored.
 */
final class LiveBlocks {
    private long[] keys = new long[1024];
    private long[] sizes = new long[1024];
    private int[] stacks = new int[1024];
    private long[] times = new long[1024];
    private int size;

    /** Result slot of the last successful {@link #remove}. */
    long removedSize;
    int removedStack;
    long removedTime;

    static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    int size() {
        return size;
    }

    boolean contains(long addr) {
        return find(addr) >= 0;
    }

    private int find(long addr) {
        int mask = keys.length - 1;
        for (int i = hash(addr) & mask; ; i = (i + 1) & mask) {
            long c = keys[i];
            if (c == 0) return -1;
            if (c == addr) return i;
        }
    }

    /** Inserts or replaces. Returns true if the address was already live (the old block is overwritten). */
    boolean put(long addr, long sz, int stack, long time) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = hash(addr) & mask; ; i = (i + 1) & mask) {
            long c = keys[i];
            if (c == 0 || c == addr) {
                boolean existed = c == addr;
                keys[i] = addr;
                sizes[i] = sz;
                stacks[i] = stack;
                times[i] = time;
                if (!existed) size++;
                return existed;
            }
        }
    }

    /** Peeks at a live block without removing it: fills the removed* fields. */
    boolean peek(long addr) {
        int i = find(addr);
        if (i < 0) return false;
        removedSize = sizes[i];
        removedStack = stacks[i];
        removedTime = times[i];
        return true;
    }

    /** Removes the block; on success its data is in the removed* fields. */
    boolean remove(long addr) {
        int i = find(addr);
        if (i < 0) return false;
        removedSize = sizes[i];
        removedStack = stacks[i];
        removedTime = times[i];
        size--;
        int mask = keys.length - 1;
        int gap = i;
        for (int j = (gap + 1) & mask; ; j = (j + 1) & mask) {
            long c = keys[j];
            if (c == 0) break;
            int home = hash(c) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = c;
                sizes[gap] = sizes[j];
                stacks[gap] = stacks[j];
                times[gap] = times[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        return true;
    }

    /** Visits every live block. */
    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) v.visit(keys[i], sizes[i], stacks[i], times[i]);
        }
    }

    interface Visitor {
        void visit(long addr, long size, int stack, long time);
    }

    private void grow() {
        long[] ok = keys, os = sizes, ot = times;
        int[] ost = stacks;
        int cap = ok.length * 2;
        keys = new long[cap];
        sizes = new long[cap];
        stacks = new int[cap];
        times = new long[cap];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != 0) put(ok[i], os[i], ost[i], ot[i]);
        }
    }
}
