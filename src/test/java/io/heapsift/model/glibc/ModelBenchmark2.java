package io.heapsift.model.glibc;

import io.heapsift.event.AllocKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Raw model throughput on the event mix of the replay's ReplayBench (4 threads with up to 20,000 live blocks
 * each, frees of random live blocks, 5 % realloc, 5 % calloc, 1 % posix_memalign, sizes 70 % ≤ 256 B, tail to
 * 4 MiB), pre-generated so that only model calls are timed (CPU time of the thread). Not a unit test:
 * {@code java -cp target/classes:target/test-classes io.heapsift.model.glibc.ModelBenchmark2 [events] [rounds]}.
 */
public final class ModelBenchmark2 {
    private ModelBenchmark2() {
    }

    // op codes
    private static final byte MALLOC = 0;
    private static final byte CALLOC = 1;
    private static final byte MEMALIGN = 2;
    private static final byte FREE = 3;
    private static final byte REALLOC = 4;
    private static final byte EXIT = 5;
    private static final byte MALLINFO = 6;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        byte[] op = new byte[n];
        int[] tid = new int[n];
        int[] slot = new int[n];
        long[] size = new long[n];
        generate(op, tid, slot, size, 42);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long[] addr = new long[n];
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            PtmallocModel m = new PtmallocModel();
            for (int i = 0; i < n; i++) {
                switch (op[i]) {
                    case MALLOC: addr[i] = m.malloc(tid[i], size[i], 1); break;
                    case CALLOC: addr[i] = m.calloc(tid[i], size[i], 1); break;
                    case MEMALIGN: addr[i] = m.memalign(tid[i], 64, size[i], AllocKind.POSIX_MEMALIGN, 1); break;
                    case FREE: m.free(tid[i], addr[slot[i]]); break;
                    case REALLOC: addr[i] = m.realloc(tid[i], addr[slot[i]], size[i], 1); break;
                    case EXIT: m.threadExit(tid[i]); break;
                    default: m.mallinfo(); m.arenaStats(); break;
                }
            }
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            best = Math.max(best, n / cpu);
            System.out.printf("round %d: %.2f M events/cpu-s, %.2f M events/wall-s%n", r, n / cpu / 1e6, n / wall / 1e6);
        }
        System.out.printf("best %.2f M events/cpu-s%n", best / 1e6);
    }

    /** Same decisions as ReplayBench.generate; slot[i] names the event whose block is freed/realloc'd. */
    static void generate(byte[] op, int[] tid, int[] slot, long[] size, long seed) {
        Random rnd = new Random(seed);
        int threads = 4;
        int[] tids = {1000, 1001, 1002, 1003};
        int nextTid = 1004;
        int[][] live = new int[threads][20_001 + 16];
        int[] nLive = new int[threads];
        int n = op.length;
        int out = 0;
        long line = 0;
        while (out < n) {
            int th = rnd.nextInt(threads);
            int t = tids[th];
            rnd.nextInt(500);
            line++;
            double r = rnd.nextDouble();
            rnd.nextGaussian();
            if (line % 200_000 == 0) {
                op[out] = MALLINFO;
                tid[out++] = t;
            } else if (th > 0 && rnd.nextInt(150_000) == 0) {
                for (int k = 0; k < nLive[th] && out < n; k++) {
                    op[out] = FREE;
                    tid[out] = t;
                    slot[out++] = live[th][k];
                }
                nLive[th] = 0;
                if (out < n) {
                    op[out] = EXIT;
                    tid[out++] = t;
                }
                tids[th] = nextTid++;
            } else if (nLive[th] > 0 && (r < 0.45 || nLive[th] > 20_000)) {
                int k = rnd.nextInt(nLive[th]);
                op[out] = FREE;
                tid[out] = t;
                slot[out++] = live[th][k];
                live[th][k] = live[th][--nLive[th]];
            } else if (nLive[th] > 0 && r < 0.50) {
                int k = rnd.nextInt(nLive[th]);
                op[out] = REALLOC;
                tid[out] = t;
                slot[out] = live[th][k];
                size[out] = size(rnd);
                live[th][k] = out++;
            } else {
                size[out] = size(rnd);
                op[out] = r < 0.55 ? CALLOC : r < 0.56 ? MEMALIGN : MALLOC;
                tid[out] = t;
                live[th][nLive[th]++] = out++;
            }
        }
    }

    static long size(Random rnd) {
        double u = rnd.nextDouble();
        if (u < 0.70) {
            return 8 + rnd.nextInt(248);
        }
        if (u < 0.93) {
            return 256 + rnd.nextInt(3840);
        }
        if (u < 0.995) {
            return 4096 + rnd.nextInt(120_000);
        }
        return 128 * 1024 + rnd.nextInt(4 << 20);
    }
}
