package io.heapsift.report;

/**
 * How to present a table.
 *
 * @param top      maximum number of stack rows (0 = all)
 * @param sort     ordering of rows
 * @param all      include rows with nothing outstanding at the end
 */
public record TableOptions(int top, Sort sort, boolean all) {

    /** Row ordering. */
    public enum Sort { BYTES, BLOCKS }

    public static TableOptions defaults() {
        return new TableOptions(0, Sort.BYTES, false);
    }
}
