package io.heapsift.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic capture in the heapsift.bt format (docs/formats/bpftrace.md) for the ingest
 * benchmark: THREADS threads calling malloc/calloc/realloc/free on consistent addresses (every free
 * names a live block), 64 distinct 6-frame stacks printed once each, records slightly out of time order
 * across threads as bpftrace's per-CPU draining produces them. Streams: memory does not grow with EVENTS.
 *
 * <p>Usage: {@code BpftraceTraceGenerator FILE EVENTS [THREADS]}
 */
public final class BpftraceTraceGenerator {

    private BpftraceTraceGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 20)) {
            write(w, events, threads, new Random(7));
        }
    }

    private static void emit(Writer w, List<String> delayed, Random rnd, String record) throws IOException {
        if (rnd.nextInt(50) == 0) delayed.add(record);
        else w.write(record);
    }

    static void write(Writer w, long events, int threads, Random rnd) throws IOException {
        int pid = 40000;
        w.write("Attaching 30 probes...\n");
        w.write("# heapsift-bpftrace 1 target=0 depth=16 hold_ms=1000 clock=monotonic_ns t=1000000000 bpftrace_pid=39999\n");
        w.write("P " + pid + " 1000000100 exec bench\n");
        String[] fns = {"parse_request", "build_reply", "cache_insert", "log_line", "json_encode", "buffer_grow", "session_new", "hash_put"};
        int nStacks = 64;
        boolean[] printed = new boolean[nStacks];
        List<List<Long>> live = new ArrayList<>();
        List<String> delayed = new ArrayList<>();
        for (int i = 0; i < threads; i++) live.add(new ArrayList<>());
        long next = 0x5600_0000_0000L;
        long t = 2_000_000_000L;
        for (long i = 0; i < events; i++) {
            int th = rnd.nextInt(threads);
            int tid = pid + th;
            t += 1 + rnd.nextInt(300);
            long ts = t;
            // another CPU's buffer is drained a little late: a few records are printed after later ones
            if (!delayed.isEmpty() && rnd.nextInt(5) == 0) w.write(delayed.remove(0));
            List<Long> blocks = live.get(th);
            double r = rnd.nextDouble();
            if (!blocks.isEmpty() && r < 0.45) {
                long a = blocks.remove(rnd.nextInt(blocks.size()));
                emit(w, delayed, rnd, "F " + tid + " " + ts + " free 0x" + Long.toHexString(a) + "\n");
                continue;
            }
            int sid = 1000 + rnd.nextInt(nStacks);
            if (!printed[sid - 1000]) {
                printed[sid - 1000] = true;
                w.write("S " + sid + "\n");
                for (int f = 0; f < 6; f++) {
                    String fn = f == 5 ? "main" : fns[(sid + f) % fns.length];
                    w.write("\t5610cd69e" + Integer.toHexString(0x100 + f * 16 + sid % 16) + " " + fn + "+" + (17 + f) + " (/opt/app/bench)\n");
                }
                w.write("\n");
            }
            next += 16L * (2 + rnd.nextInt(200));
            String addr = "0x" + Long.toHexString(next);
            if (!blocks.isEmpty() && r < 0.5) {
                long old = blocks.remove(rnd.nextInt(blocks.size()));
                emit(w, delayed, rnd, "A " + tid + " " + (ts - 200) + " " + ts + " realloc 0x" + Long.toHexString(old) + " " + (1 + rnd.nextInt(4000)) + " = " + addr + " " + sid + "\n");
            } else if (r < 0.56) {
                emit(w, delayed, rnd, "A " + tid + " " + (ts - 200) + " " + ts + " calloc " + (1 + rnd.nextInt(16)) + " " + (1 + rnd.nextInt(256)) + " = " + addr + " " + sid + "\n");
            } else {
                emit(w, delayed, rnd, "A " + tid + " " + (ts - 200) + " " + ts + " malloc " + (1 + rnd.nextInt(8192)) + " = " + addr + " " + sid + "\n");
            }
            blocks.add(next);
        }
        for (String d : delayed) w.write(d);
        for (int th = 1; th < threads; th++) w.write("T " + (pid + th) + " " + (t += 1000) + "\n");
        w.write("X " + pid + " " + (t += 1000) + " exit_group 0\n");
        w.write("T " + pid + " " + (t += 1000) + "\n");
        w.write("E " + (t + 1000) + "\n\n\n\n\n\n\n");
    }
}
