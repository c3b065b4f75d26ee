package io.heapsift.event;

/**
 * A valgrind loss record: "T (D direct, I indirect) bytes in B blocks are KIND in loss record N of M".
 *
 * @param bytes         the total printed (direct + indirect for a definitely-lost record owning indirect blocks)
 * @param directBytes   the direct bytes (equal to {@code bytes} when no split was printed)
 * @param indirectBytes the indirect bytes owned by this record (0 when no split was printed)
 * @param blocks        number of direct blocks
 * @param recordNumber  N of "loss record N of M", or 0 when the tool did not number it
 * @param recordCount   M, or 0
 */
public record LeakRecord(long line, LeakKind kind, long bytes, long directBytes, long indirectBytes, long blocks,
                         int recordNumber, int recordCount, Stack stack) implements TraceEvent {
    public LeakRecord {
        if (stack == null) stack = Stack.EMPTY;
    }
}
