package io.heapsift.model.glibc;

import java.util.SplittableRandom;

/**
 * Raw model throughput (not a unit test): {@code java -cp target/classes:target/test-classes
 * io.heapsift.model.glibc.ModelBenchmark [events] [threads]}. Mix: 45 % malloc, 45 % free of a random live
 * block (4 of 5 among the 64 newest), 5 % realloc, 3 % calloc, 2 % thread switch; sizes mostly small, some medium, few above 128 KiB.
 */
public final class ModelBenchmark {
    private ModelBenchmark() {
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            long done = run(events, threads, 42 + round);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("round %d: %,d events in %.2f s wall (%,.0f/s), %.2f s cpu (%,.0f events/cpu-s)%n", round,
                done, s, done / s, cpu, done / cpu);
        }
    }

    static long run(long events, int threads, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PtmallocModel m = new PtmallocModel();
        int cap = 1 << 20;
        long[] live = new long[cap];
        int[] owner = new int[cap];
        int n = 0;
        int tid = 1;
        long done = 0;
        for (long e = 0; e < events; e++) {
            int op = r.nextInt(100);
            if (op < 2) {
                tid = 1 + r.nextInt(threads);
            } else if (op < 47 || n == 0) {
                if (n < cap) {
                    live[n] = m.malloc(tid, size(r), 1);
                    owner[n++] = tid;
                }
            } else if (op < 92) {
                // frees favour recent blocks (short-lived temporaries), a fifth hit any live block
                int i = r.nextInt(5) == 0 ? r.nextInt(n) : Math.max(0, n - 1 - r.nextInt(64));
                m.free(tid, live[i]);
                live[i] = live[--n];
                owner[i] = owner[n];
            } else if (op < 97) {
                int i = r.nextInt(n);
                live[i] = m.realloc(tid, live[i], size(r), 2);
            } else if (n < cap) {
                live[n] = m.calloc(tid, size(r), 3);
                owner[n++] = tid;
            }
            done++;
        }
        if (m.mallinfo().arena() < 0) {
            throw new IllegalStateException();
        }
        return done;
    }

    private static long size(SplittableRandom r) {
        int k = r.nextInt(1000);
        if (k < 700) {
            return 1 + r.nextInt(128);
        } else if (k < 950) {
            return 128 + r.nextInt(2048);
        } else if (k < 998) {
            return 2048 + r.nextInt(60000);
        }
        return 100_000 + r.nextInt(400_000);
    }
}
