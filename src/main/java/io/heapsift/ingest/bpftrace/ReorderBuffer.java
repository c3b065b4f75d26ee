package io.heapsift.ingest.bpftrace;

import io.heapsift.event.TraceEvent;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Restores timestamp order in a stream that is ordered only per CPU. Events wait in a priority queue
 * (time, then input order, so equal timestamps keep file order) and leave it once the newest timestamp
 * seen is more than {@code windowNs} past theirs, or when more than {@code capacity} are waiting, so
 * memory stays bounded whatever the input. An event older than one already released cannot be put back
 * in place: it is released at once and counted as {@link #late()}.
 */
final class ReorderBuffer {

    /** One waiting event; {@code stackId} is resolved when the event leaves (its stack block may come later). */
    record Entry(long time, long seq, TraceEvent event, long stackId) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::time).thenComparingLong(Entry::seq);

    private final long windowNs;
    private final int capacity;
    private final Consumer<Entry> out;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
    private long seq;
    private long newest = Long.MIN_VALUE;
    private long released = Long.MIN_VALUE;
    private long late;
    private long reordered;
    private long maxStepBack;
    private long forced;

    ReorderBuffer(long windowNs, int capacity, Consumer<Entry> out) {
        this.windowNs = windowNs;
        this.capacity = capacity;
        this.out = out;
    }

    void add(long time, TraceEvent event, long stackId) {
        Entry e = new Entry(time, seq++, event, stackId);
        if (time < newest) {
            reordered++;
            maxStepBack = Math.max(maxStepBack, newest - time);
        } else {
            newest = time;
        }
        if (time < released) {
            late++;
            out.accept(e);
            return;
        }
        queue.add(e);
        drain();
    }

    private void drain() {
        while (!queue.isEmpty()) {
            boolean full = queue.size() > capacity;
            if (!full && newest - queue.peek().time() <= windowNs) return;
            if (full) forced++;
            release(queue.poll());
        }
    }

    /** Releases everything still waiting (end of input). */
    void flush() {
        while (!queue.isEmpty()) release(queue.poll());
    }

    private void release(Entry e) {
        released = e.time();
        out.accept(e);
    }

    /** Events that came after a later one had already left the window: emitted out of order. */
    long late() {
        return late;
    }

    /** Events whose timestamp was older than an earlier line's (put back in order by the buffer). */
    long reordered() {
        return reordered;
    }

    /** The largest step back in time between a line and the newest line before it, in ns. */
    long maxStepBack() {
        return maxStepBack;
    }

    /** Events released early because the buffer was full. */
    long forced() {
        return forced;
    }

    int waiting() {
        return queue.size();
    }
}
