package io.heapsift.report;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Suspect;
import io.heapsift.analysis.Verdict;

import java.util.Comparator;

/**
 * One trace of a batch report.
 *
 * @param path   the trace as given (relative to where it was found)
 * @param result its analysis, or null when it could not be read
 * @param error  why it could not be read, or null
 * @param page   its page, relative to the report directory, or null
 */
public record BatchEntry(String path, AnalysisResult result, String error, String page) {

    /** "LEAK".."CLEAN", or "ERROR". */
    public String verdict() {
        return result == null ? "ERROR" : result.verdict().name();
    }

    public long leakedBytes() {
        return result == null ? 0 : result.leakedBytes();
    }

    /** The fastest growth among the trace's stacks, bytes per second (0 if none). */
    public long growthBytesPerSecond() {
        if (result == null) return 0;
        double max = 0;
        for (Suspect s : result.suspects()) {
            if (!Double.isNaN(s.growthBytesPerSecond())) max = Math.max(max, s.growthBytesPerSecond());
        }
        return Math.round(max);
    }

    public long retainedBytes() {
        return result == null || result.retention() == null ? 0 : result.retention().retainedBytes();
    }

    /** The bytes that rank the trace within its verdict. */
    public long weight() {
        if (result == null) return 0;
        return switch (result.verdict()) {
            case GROWTH -> growthBytesPerSecond();
            case LEAK -> leakedBytes();
            case FRAGMENTATION -> retainedBytes();
            case CLEAN -> result.table().liveBytes();
        };
    }

    /** Problems first (LEAK, GROWTH, FRAGMENTATION, CLEAN, then unreadable), larger first, then by path. */
    public static final Comparator<BatchEntry> RANKING = Comparator
            .comparingInt((BatchEntry e) -> e.result == null ? Verdict.values().length : e.result.verdict().ordinal())
            .thenComparing(Comparator.comparingLong(BatchEntry::weight).reversed())
            .thenComparing(BatchEntry::path);
}
