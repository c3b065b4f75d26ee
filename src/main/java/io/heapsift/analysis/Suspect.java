package io.heapsift.analysis;

import io.heapsift.event.Stack;

/**
 * One stack's outstanding memory and what it is.
 *
 * @param stack         the allocation stack (innermost frame first)
 * @param label         what it is
 * @param bytes         outstanding bytes at the end (valgrind: the record's direct bytes)
 * @param blocks        outstanding blocks at the end
 * @param indirectBytes valgrind: indirect bytes owned by this definitely lost record
 * @param allocs        allocations made from this stack (0 when the capture does not count them)
 * @param peakBytes     largest outstanding bytes of this stack during the trace
 * @param growth        the fitted trend, or null when there is no series or too few points
 */
public record Suspect(Stack stack, Label label, long bytes, long blocks, long indirectBytes, long allocs,
                      long peakBytes, Growth growth) {

    /** Growth in bytes per second when the trend is significant and timed, else NaN. */
    public double growthBytesPerSecond() {
        return label == Label.GROWING && growth != null && growth.perSecond() ? growth.slope() : Double.NaN;
    }
}
