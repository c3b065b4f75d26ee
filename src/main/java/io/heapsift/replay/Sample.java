package io.heapsift.replay;

import io.heapsift.model.Footprint;

/**
 * The model's footprint after one event.
 *
 * @param eventIndex 1-based index of the event in the trace's event stream (0 = before any event)
 * @param line       input line of that event, 0 if unknown
 * @param timeNs     trace time of that event, or {@code TraceEvent.NO_TIME}
 * @param footprint  the model's footprint breakdown
 * @param arenas     system bytes per arena (main first), or null when the model does not break them down
 * @param mark       why this sample was taken
 */
public record Sample(long eventIndex, long line, long timeNs, Footprint footprint, long[] arenas, Mark mark) {

    /** Why a sample exists. */
    public enum Mark { REGULAR, CHECKPOINT, PEAK, END }

    /** The same numbers under another mark. */
    public Sample as(Mark m) {
        return new Sample(eventIndex, line, timeNs, footprint, arenas, m);
    }

    /** Arena (heap) bytes plus directly mmapped bytes: the allocator's whole address-space footprint. */
    public long heapPlusMmap() {
        return footprint.arenaBytes() + footprint.mmapBytes();
    }
}
