package io.heapsift.analysis;

import io.heapsift.replay.ReplayResult;
import io.heapsift.table.TableResult;

import java.util.List;

/**
 * Everything heapsift concluded about one trace. Immutable; every reporter reads this and nothing else.
 *
 * @param source        the trace's name
 * @param format        the capture format id (opaque here)
 * @param verdict       the one-word answer
 * @param severity      "high", "medium", "low" or "none": how much it matters, in bytes and trend
 * @param evidence      a short paragraph: why this verdict, with numbers
 * @param advice        concrete next steps, with numbers
 * @param suspects      every stack with memory at the end or a trend, problems first, then by bytes
 * @param leakedBytes   bytes in LEAK labels (definite + indirect + possible, never freed, per-thread)
 * @param leakedBlocks  blocks in those
 * @param wholeRun      the trace covers the process until it ended (never-freed means never freed)
 * @param table         the outstanding-allocation table
 * @param replay        the replay through the glibc model, or null when the trace cannot be replayed
 * @param retention     the retention finding, or null without a replay
 * @param plateau       the warm-up plateau, or null
 * @param whatIf        other allocator settings tried, possibly empty
 * @param chart         the timeline for charts, downsampled (empty without a replay)
 * @param sampledRss    the sampled RSS overlay (x in seconds from the trace start when aligned), possibly empty
 * @param allocatorStats the malloc_stats/malloc_info overlay, or null
 * @param killedBy      the signal that ended the traced process (it crashed: what was live then was never given the
 *                      chance to be freed), or null
 */
public record AnalysisResult(String source, String format, Verdict verdict, String severity, String evidence,
                             List<String> advice, List<Suspect> suspects, long leakedBytes, long leakedBlocks,
                             boolean wholeRun, TableResult table, ReplayResult replay, Retention retention,
                             Plateau plateau, List<WhatIf> whatIf, List<ChartPoint> chart,
                             List<ChartPoint> sampledRss, AllocatorStats allocatorStats, String killedBy) {

    /** Suspects whose label is a problem (leaks and growth). */
    public List<Suspect> problems() {
        return suspects.stream().filter(s -> s.label().isProblem()).toList();
    }
}
