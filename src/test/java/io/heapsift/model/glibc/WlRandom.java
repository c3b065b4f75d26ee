package io.heapsift.model.glibc;

import io.heapsift.event.AllocKind;
import io.heapsift.model.MallInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Java port of fixtures/workloads/wl_random.c driving the model through the API: the same xorshift64*
 * sequence of malloc / calloc / realloc / memalign / posix_memalign / free / malloc_trim(0) calls, with
 * mallinfo2 sampled at the same checkpoints.
 */
final class WlRandom {
    private static final int SLOTS = 2048;
    private static final int T = 1;
    private long rng;
    private long calls;
    private final PtmallocModel m;
    private final List<MallInfo> rows = new ArrayList<>();
    private final List<Long> rss = new ArrayList<>();

    WlRandom(PtmallocModel m, long seed) {
        this.m = m;
        this.rng = seed * 0x9e3779b97f4a7c15L + 1;
    }

    private long next() {
        rng ^= rng >>> 12;
        rng ^= rng << 25;
        rng ^= rng >>> 27;
        return rng * 2685821657736338717L;
    }

    private static long mod(long a, long b) {
        return Long.remainderUnsigned(a, b);
    }

    private long randSize() {
        long r = next();
        if (mod(r, 100) == 0) {
            return 131072 + mod(r >>> 8, 1048576 - 131072);
        }
        int bits = 1 + (int) mod(r >>> 8, 16);
        long lo = 1L << (bits - 1);
        long hi = 1L << bits;
        long s = lo + mod(r >>> 16, hi - lo);
        return Math.min(s, 70000);
    }

    private void checkpoint() {
        rows.add(m.mallinfo());
        rss.add(m.residentBytes());
    }

    private void tick() {
        calls++;
        if (calls % 7919 == 0) {
            m.mallocTrim(T, 0);
        }
        if (calls % 5000 == 0) {
            checkpoint();
        }
    }

    List<MallInfo> run(long total) {
        long[] slot = new long[SLOTS];
        m.malloc(T, 1, 0);
        checkpoint();
        while (calls < total) {
            int i = (int) mod(next(), SLOTS);
            int op = (int) mod(next(), 100);
            if (slot[i] == 0) {
                long s = randSize();
                if (op < 70) {
                    slot[i] = m.malloc(T, s, i);
                } else if (op < 82) {
                    slot[i] = m.calloc(T, (1 + s / 64) * (s < 64 ? s : 64), i);
                } else if (op < 88) {
                    slot[i] = m.realloc(T, 0, s, i);
                } else if (op < 94) {
                    slot[i] = m.memalign(T, 32L << mod(next(), 8), s, AllocKind.MEMALIGN, i);
                } else {
                    slot[i] = m.memalign(T, 8L << mod(next(), 10), s, AllocKind.POSIX_MEMALIGN, i);
                }
            } else if (op < 70) {
                m.free(T, slot[i]);
                slot[i] = 0;
            } else {
                long p = m.realloc(T, slot[i], randSize(), i);
                if (p != 0) {
                    slot[i] = p;
                }
            }
            tick();
        }
        checkpoint();
        for (int i = 0; i < SLOTS; i++) {
            m.free(T, slot[i]);
        }
        checkpoint();
        m.mallocTrim(T, 0);
        checkpoint();
        return rows;
    }

    List<Long> rss() {
        return rss;
    }
}
