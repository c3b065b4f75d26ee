package io.heapsift.model.glibc;

import java.util.function.Consumer;

/**
 * The live chunks keyed by user address (chunk address + 16), or by the caller's key: open addressing over the chunk references alone
 * (linear probing, backward-shift deletion, at most a quarter full). The key is read from the chunk itself, which
 * the caller is about to use anyway, so a lookup costs one table miss instead of one in a key array and another in
 * a parallel reference array. A registered chunk's address never changes (the model unregisters a chunk before it
 * moves, splits or resizes it). No boxing, no per-entry allocation.
 */
final class ChunkTable {
    /** Keyed by {@link Chunk#key} (the caller's) instead of the chunk's user address. */
    private final boolean byKey;
    private Chunk[] table;
    private int size;
    private int mask;

    ChunkTable(int expected) {
        this(expected, false);
    }

    ChunkTable(int expected, boolean byKey) {
        this.byKey = byKey;
        alloc(Integer.highestOneBit(Math.max(16, expected * 4) - 1) << 1);
    }

    private void alloc(int cap) {
        table = new Chunk[cap];
        mask = cap - 1;
    }

    private long key(Chunk c) {
        return byKey ? c.key : c.addr + 2 * Engine.SIZE_SZ;
    }

    /** Reads the slot a key hashes to (a cache miss taken early); returns what it read. */
    Chunk touch(long key) {
        return table[home(key)];
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
        Chunk[] t = table;
        int m = mask;
        Chunk c;
        for (int i = home(key); (c = t[i]) != null; i = (i + 1) & m) {
            if (key(c) == key) {
                return c;
            }
        }
        return null;
    }

    /** Adds a chunk (its address must not be present). */
    void add(Chunk chunk) {
        if (++size * 4 > table.length) {
            Chunk[] old = table;
            alloc(old.length * 2);
            for (Chunk c : old) {
                if (c != null) {
                    insert(c);
                }
            }
        }
        insert(chunk);
    }

    private void insert(Chunk chunk) {
        Chunk[] t = table;
        int i = home(key(chunk));
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = chunk;
    }

    Chunk remove(long key) {
        Chunk[] t = table;
        int m = mask;
        Chunk c;
        for (int i = home(key); (c = t[i]) != null; i = (i + 1) & m) {
            if (key(c) == key) {
                shiftBack(i);
                size--;
                return c;
            }
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
