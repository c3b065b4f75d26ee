package io.heapsift.report;

import io.heapsift.ingest.ParseSummary;
import io.heapsift.replay.CheckpointComparison;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Scenario;

import java.util.List;

/**
 * What {@code heapsift replay} reports for one trace.
 *
 * @param parse          the ingest accounting
 * @param scenario       the allocator configuration of the main replay
 * @param result         the main replay
 * @param checkpoints    the comparison with glibc's own mallinfo2, or null without a ground-truth file
 * @param mallinfoSource the ground-truth file's name, or null
 * @param glibcAddresses true if the trace records glibc's own addresses (placement fidelity is meaningful)
 * @param whatIf         the same trace under other configurations, the main one first; empty without --compare
 */
public record ReplayReport(ParseSummary parse, Scenario scenario, ReplayResult result, CheckpointComparison checkpoints,
                           String mallinfoSource, boolean glibcAddresses, List<ReplayResult> whatIf) {
}
