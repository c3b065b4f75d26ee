package io.heapsift.analysis;

/**
 * The same trace replayed under another allocator setting.
 *
 * @param config         the setting ("trim_every=10s", "arena_max=2")
 * @param meanRssBytes   mean estimated heap RSS over the timeline, this setting
 * @param baseMeanRss    the same under the trace's own setting
 * @param peakRssBytes   peak estimated heap RSS, this setting
 * @param basePeakRss    the same under the trace's own setting
 * @param endRssBytes    RSS at the end, this setting
 * @param baseEndRss     the same under the trace's own setting
 */
public record WhatIf(String config, long meanRssBytes, long baseMeanRss, long peakRssBytes, long basePeakRss,
                     long endRssBytes, long baseEndRss) {

    /** Mean RSS saved (negative if it costs). */
    public long meanSaved() {
        return baseMeanRss - meanRssBytes;
    }
}
