package io.heapsift.bench;

import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Ingest;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.replay.ReplayOptions;
import io.heapsift.replay.Replayer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same replay as {@link ReplayBench}, timed by the thread's CPU time instead of the wall clock: on a shared
 * machine (other builds running) it leaves out the time spent waiting for a core, though not the other processes'
 * cache and memory contention (the replay is memory-latency bound). A few untimed warm-up rounds
 * first (under load the JIT needs several replays before the code is compiled), then prints events/s per round and
 * the best and the median of the timed rounds.
 * Usage: {@code java -cp <test classpath> io.heapsift.bench.ReplayCpuTime [rounds [warmup [TRACE...]]]}: with
 * traces, each real capture is parsed into memory once and replayed instead of the generated trace.
 */
public final class ReplayCpuTime {
    private ReplayCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        if (args.length > 2) {
            // real captures: each parsed once into memory, then replayed like the generated trace
            for (int i = 2; i < args.length; i++) {
                List<TraceEvent> events = new ArrayList<>();
                Ingest.standard().parse(Path.of(args[i]), null, events::add);
                // the JIT needs some 20 million replayed events (compiled code is still replaced after 6 M), whatever the trace length
                int w = Math.max(warmup, (int) Math.ceil(20e6 / Math.max(1, events.size())));
                System.out.printf(Locale.ROOT, "%s: %d events, %d warm-up replays%n", args[i], events.size(), w);
                measure(events, rounds, w);
            }
            return;
        }
        measure(ReplayBench.generate(ReplayBench.EVENTS, 42), rounds, warmup);
    }

    private static void measure(List<TraceEvent> events, int rounds, int warmup) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        for (int i = -warmup; i < rounds; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            Replayer r = new Replayer(new PtmallocModel(), ReplayOptions.defaults(), "defaults");
            for (TraceEvent e : events) r.accept(e);
            r.end();
            long ns = mx.getCurrentThreadCpuTime() - t0;
            double rate = events.size() / (ns / 1e9);
            if (i >= 0) rates[i] = rate;
            System.out.printf(Locale.ROOT, "%s %d: %.2f M events/s CPU time (%d ms), %d timeline points%n",
                    i < 0 ? "warm-up" : "round", i < 0 ? i + warmup + 1 : i + 1, rate / 1e6, ns / 1_000_000,
                    r.result().timeline().size());
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "best: %.2f M events/s, median: %.2f M events/s (%d rounds after %d warm-up)%n",
                rates[rounds - 1] / 1e6, (rates[(rounds - 1) / 2] + rates[rounds / 2]) / 2e6, rounds, warmup);
    }
}
