package io.heapsift.bench;

import io.heapsift.event.TraceEvent;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.replay.ReplayOptions;
import io.heapsift.replay.Replayer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * The same replay as {@link ReplayBench}, timed by the thread's CPU time instead of the wall clock: on a shared
 * machine (other builds running) this is the figure that does not depend on the load. Prints events/s per round.
 * Usage: {@code java -cp <test classpath> io.heapsift.bench.ReplayCpuTime [rounds]}
 */
public final class ReplayCpuTime {
    private ReplayCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        List<TraceEvent> events = ReplayBench.generate(ReplayBench.EVENTS, 42);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            Replayer r = new Replayer(new PtmallocModel(), ReplayOptions.defaults(), "defaults");
            for (TraceEvent e : events) r.accept(e);
            r.end();
            long ns = mx.getCurrentThreadCpuTime() - t0;
            double rate = events.size() / (ns / 1e9);
            best = Math.max(best, rate);
            System.out.printf(Locale.ROOT, "round %d: %.2f M events/s CPU time (%d ms), %d timeline points%n", i + 1,
                    rate / 1e6, ns / 1_000_000, r.result().timeline().size());
        }
        System.out.printf(Locale.ROOT, "best: %.2f M events/s%n", best / 1e6);
    }
}
