package io.heapsift.model.glibc;

import java.util.function.Consumer;

/**
 * The live chunks keyed by user address (chunk address + 16): open addressing with parallel key and chunk
 * arrays (probing and backward-shift deletion read only the keys), linear probing, a locality-preserving hash. No
 * boxing, no per-entry allocation.
 */
final class ChunkTable {
    private long[] keys;
    private Chunk[] table;
    private int size;
    private int mask;

    ChunkTable(int expected) {
        alloc(Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1);
    }

    private void alloc(int cap) {
        keys = new long[cap];
        table = new Chunk[cap];
        mask = cap - 1;
    }

    private static long key(Chunk c) {
        return c.addr + 2 * Engine.SIZE_SZ;
    }

    /**
     * Locality-preserving: within a 64 KiB window the slot follows the address (16-aligned), so chunks that are
     * neighbours in the heap are neighbours in the table (allocations from the top chunk, splits, coalescing); the
     * window number is mixed in (Fibonacci hashing) so windows, and equal offsets in different heaps, land apart.
     */
    private int home(long key) {
        return ((int) (key >>> 4) + (int) (((key >>> 16) * 0x9E3779B97F4A7C15L) >>> 32)) & mask;
    }

    int size() {
        return size;
    }

    Chunk get(long key) {
        long[] ks = keys;
        int i = home(key);
        long k;
        while ((k = ks[i]) != 0) {
            if (k == key) {
                return table[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Adds a chunk (its address must not be present). */
    void add(Chunk chunk) {
        long[] ks = keys;
        long key = key(chunk);
        int i = home(key);
        while (ks[i] != 0) {
            i = (i + 1) & mask;
        }
        ks[i] = key;
        table[i] = chunk;
        if (++size * 2 > ks.length) {
            Chunk[] old = table;
            alloc(old.length * 2);
            size = 0;
            for (Chunk c : old) {
                if (c != null) {
                    add(c);
                }
            }
        }
    }

    Chunk remove(long key) {
        long[] ks = keys;
        int i = home(key);
        long k;
        while ((k = ks[i]) != 0) {
            if (k == key) {
                Chunk c = table[i];
                shiftBack(i);
                size--;
                return c;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole) {
        long[] ks = keys;
        Chunk[] t = table;
        int i = hole;
        for (;;) {
            i = (i + 1) & mask;
            long k = ks[i];
            if (k == 0) {
                break;
            }
            int h = home(k);
            if (((i - h) & mask) >= ((i - hole) & mask)) {
                ks[hole] = k;
                t[hole] = t[i];
                hole = i;
            }
        }
        ks[hole] = 0;
        t[hole] = null;
    }

    void forEach(Consumer<Chunk> action) {
        for (Chunk c : table) {
            if (c != null) {
                action.accept(c);
            }
        }
    }
}
