package io.heapsift.model.glibc;

import java.util.function.Consumer;

/**
 * The live chunks keyed by user address (chunk address + 16): an open-addressing table of chunk
 * references only (the key is read from the chunk itself), linear probing, Fibonacci hashing,
 * backward-shift deletion. One array, no boxing, no per-entry allocation.
 */
final class ChunkTable {
    private Chunk[] table;
    private int size;
    private int mask;
    private int shift;

    ChunkTable(int expected) {
        alloc(Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1);
    }

    private void alloc(int cap) {
        table = new Chunk[cap];
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    private static long key(Chunk c) {
        return c.addr + 2 * Engine.SIZE_SZ;
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    int size() {
        return size;
    }

    Chunk get(long key) {
        Chunk[] t = table;
        int i = home(key);
        Chunk c;
        while ((c = t[i]) != null) {
            if (key(c) == key) {
                return c;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Adds a chunk (its address must not be present). */
    void add(Chunk chunk) {
        Chunk[] t = table;
        int i = home(key(chunk));
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = chunk;
        if (++size * 2 > t.length) {
            Chunk[] old = t;
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
        Chunk[] t = table;
        int i = home(key);
        Chunk c;
        while ((c = t[i]) != null) {
            if (key(c) == key) {
                shiftBack(i);
                size--;
                return c;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole) {
        Chunk[] t = table;
        int i = hole;
        for (;;) {
            i = (i + 1) & mask;
            Chunk c = t[i];
            if (c == null) {
                break;
            }
            int h = home(key(c));
            if (((i - h) & mask) >= ((i - hole) & mask)) {
                t[hole] = c;
                hole = i;
            }
        }
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
