package io.heapsift.event;

/**
 * One normalized event read from a capture.
 *
 * <p>Conventions shared by every event:
 * <ul>
 *   <li>{@code line}: 1-based line of the input where the event was completed (for a call split over
 *       two lines, the line of the result); 0 when not known.</li>
 *   <li>{@code timeNs}: nanoseconds on the capture's own clock (monotonic, wall-clock of the day, or
 *       epoch — only differences are meaningful), or {@link #NO_TIME}.</li>
 *   <li>{@code tid}: thread (or process) id as the tool printed it, or {@link #NO_TID}.</li>
 *   <li>addresses are unsigned 64-bit values held in a {@code long}; {@code 0} is NULL and
 *       {@link #NO_ADDRESS} means the tool did not show the address.</li>
 * </ul>
 */
public sealed interface TraceEvent
        permits Alloc, Free, Realloc, SnapshotBegin, SnapshotEntry, SnapshotAddress, SnapshotEnd,
                LeakRecord, LeakSummary, HeapSummary, ToolError, ThreadExit, ProcessExit, AllocatorCall, RssSample {

    /** Marker for an unknown timestamp. */
    long NO_TIME = Long.MIN_VALUE;
    /** Marker for an unknown thread id. */
    int NO_TID = 0;
    /** Marker for an address the tool did not print (e.g. posix_memalign's out-parameter under ltrace). */
    long NO_ADDRESS = -1L;
    /**
     * Marker for an unknown size. Sizes are unsigned 64-bit values held in a {@code long}:
     * {@code malloc(18446744073709551615)} is a size of -1L, so the marker is {@code Long.MIN_VALUE}.
     */
    long NO_SIZE = Long.MIN_VALUE;

    /** 1-based input line of this event, 0 if unknown. */
    long line();
}
