package io.heapsift.table;

import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;

import java.util.List;
import java.util.Map;

/**
 * The finished, immutable outstanding-allocation table of one trace.
 *
 * @param kinds           leak-report totals by kind, computed from the records (empty when the input has no kinds);
 *                        kinds the tool did not print records for but summarized are filled from its summary
 *                        and listed in {@code kindsFromSummary}
 * @param toolLeakSummary the tool's own LEAK SUMMARY, as printed
 * @param toolHeapSummary the tool's own HEAP SUMMARY, or null
 * @param stacks          all rows, largest live bytes first (rows with nothing outstanding are included last)
 */
public record TableResult(TableMode mode, long liveBytes, long liveBlocks, long peakBytes, long peakBlocks,
                          long peakTimeNs, long peakLine, Map<LeakKind, KindTotal> kinds,
                          List<LeakKind> kindsFromSummary, Map<LeakKind, KindTotal> toolLeakSummary,
                          HeapSummary toolHeapSummary, EventCounts counts, List<StackRow> stacks,
                          List<SnapshotInfo> snapshots, long firstTimeNs, long lastTimeNs, int distinctStacks) {
}
