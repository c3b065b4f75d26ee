package io.heapsift.analysis;

import io.heapsift.replay.ReplayResult;
import io.heapsift.table.TableResult;

import java.util.List;
import java.util.Map;

/**
 * What the analysis reads for one trace.
 *
 * @param source         the trace's name
 * @param format         the capture format id
 * @param table          the outstanding-allocation table
 * @param series         per-stack series of an event trace, or null
 * @param replay         the replay, or null when the trace has no per-call events
 * @param trims          the footprint around each malloc_trim the trace called (empty without a replay)
 * @param whatIf         other settings replayed, by label (empty if not run)
 * @param sampledRss     the RSS overlay, possibly empty
 * @param allocatorStats the malloc_stats overlay, or null
 */
public record AnalysisInput(String source, String format, TableResult table, StackSeries.Result series,
                            ReplayResult replay, List<TrimWatch.Trim> trims, Map<String, ReplayResult> whatIf,
                            List<ChartPoint> sampledRss, AllocatorStats allocatorStats) {
}
