package io.heapsift.replay;

import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sends one event stream to several sinks, each on its own thread (the replays of a what-if comparison run in
 * parallel while the trace is parsed once). Events travel in batches; a failure in any sink is rethrown by
 * {@link #end()}.
 */
public final class FanOut implements EventSink {

    private static final int BATCH = 4096;
    private static final TraceEvent[] DONE = new TraceEvent[0];

    private final List<Worker> workers = new ArrayList<>();
    private TraceEvent[] batch = new TraceEvent[BATCH];
    private int fill;

    public FanOut(List<? extends EventSink> sinks) {
        for (int i = 0; i < sinks.size(); i++) {
            Worker w = new Worker(sinks.get(i), "heapsift-replay-" + i);
            workers.add(w);
            w.start();
        }
    }

    @Override
    public void accept(TraceEvent event) {
        batch[fill++] = event;
        if (fill == BATCH) flush();
    }

    private void flush() {
        TraceEvent[] b = fill == BATCH ? batch : java.util.Arrays.copyOf(batch, fill);
        for (Worker w : workers) w.put(b);
        batch = new TraceEvent[BATCH];
        fill = 0;
    }

    @Override
    public void end() {
        if (fill > 0) flush();
        for (Worker w : workers) w.put(DONE);
        RuntimeException failure = null;
        for (Worker w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            }
            if (w.failure != null && failure == null) failure = w.failure;
        }
        if (failure != null) throw failure;
    }

    private static final class Worker extends Thread {
        private final EventSink sink;
        private final BlockingQueue<TraceEvent[]> queue = new ArrayBlockingQueue<>(16);
        private volatile RuntimeException failure;

        Worker(EventSink sink, String name) {
            super(name);
            this.sink = sink;
            setDaemon(true);
        }

        void put(TraceEvent[] b) {
            if (failure != null && b != DONE) return; // a failed sink gets nothing more
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    TraceEvent[] b = queue.take();
                    if (b == DONE) break;
                    if (failure != null) continue;
                    for (TraceEvent e : b) sink.accept(e);
                }
                if (failure == null) sink.end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
                drain();
            }
        }

        private void drain() {
            try {
                while (queue.take() != DONE) {
                    // keep the producer from blocking on a dead sink
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
