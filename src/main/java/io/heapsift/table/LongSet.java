package io.heapsift.table;

/** Open-addressing set of non-zero longs (linear probing, backward-shift deletion). */
final class LongSet {
    private long[] keys = new long[1024];
    private int size;

    boolean contains(long k) {
        int mask = keys.length - 1;
        for (int i = LiveBlocks.hash(k) & mask; ; i = (i + 1) & mask) {
            long c = keys[i];
            if (c == 0) return false;
            if (c == k) return true;
        }
    }

    void add(long k) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = LiveBlocks.hash(k) & mask; ; i = (i + 1) & mask) {
            long c = keys[i];
            if (c == k) return;
            if (c == 0) {
                keys[i] = k;
                size++;
                return;
            }
        }
    }

    boolean remove(long k) {
        int mask = keys.length - 1;
        int i = LiveBlocks.hash(k) & mask;
        while (true) {
            long c = keys[i];
            if (c == 0) return false;
            if (c == k) break;
            i = (i + 1) & mask;
        }
        size--;
        int gap = i;
        for (int j = (gap + 1) & mask; ; j = (j + 1) & mask) {
            long c = keys[j];
            if (c == 0) break;
            int home = LiveBlocks.hash(c) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = c;
                gap = j;
            }
        }
        keys[gap] = 0;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        size = 0;
        for (long k : old) {
            if (k != 0) add(k);
        }
    }
}
