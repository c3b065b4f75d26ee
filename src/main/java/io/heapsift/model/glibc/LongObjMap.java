package io.heapsift.model.glibc;

import java.util.function.ObjLongConsumer;

/**
 * Open-addressing hash map from a non-zero long key to an object (linear probing, backward-shift
 * deletion): no boxing, no per-entry allocation.
 */
final class LongObjMap<V> {
    private long[] keys;
    private Object[] vals;
    private int size;
    private int mask;
    private int shift;

    LongObjMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        vals = new Object[cap];
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    /** Fibonacci hashing: the high bits of key × 2^64/φ (addresses are 16-aligned, low bits carry nothing). */
    private int mix(long k) {
        return (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = mix(key) & mask;
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                return (V) vals[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    void put(long key, V value) {
        int i = mix(key) & mask;
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                vals[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        vals[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = mix(key) & mask;
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                V v = (V) vals[i];
                shiftBack(i);
                size--;
                return v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole) {
        int i = hole;
        for (;;) {
            i = (i + 1) & mask;
            long k = keys[i];
            if (k == 0) {
                break;
            }
            int home = mix(k) & mask;
            // move k into the hole if its home is not in (hole, i]
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = k;
                vals[hole] = vals[i];
                hole = i;
            }
        }
        keys[hole] = 0;
        vals[hole] = null;
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new Object[ok.length * 2];
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        size = 0;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != 0) {
                put(ok[j], castV(ov[j]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V castV(Object o) {
        return (V) o;
    }

    @SuppressWarnings("unchecked")
    void forEach(ObjLongConsumer<V> action) {
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != 0) {
                action.accept((V) vals[j], keys[j]);
            }
        }
    }
}
