package io.heapsift.analysis;

import io.heapsift.replay.Pinning;

/**
 * What the allocator held beyond live memory at the worst settled point of the replay (right before a malloc_trim
 * the program called, or the end of the trace).
 *
 * @param where          "before malloc_trim #N" or "at the end"
 * @param eventIndex     event index of that point (0 for a trim: not known)
 * @param rssBytes       estimated heap RSS there
 * @param liveBytes      live bytes there
 * @param retainedBytes  rss - live
 * @param ratio          retained / rss (the fragmentation ratio)
 * @param binnedBytes    free bytes in bins and fastbins there (holes)
 * @param topBytes       free bytes in top chunks there
 * @param trimReleased   for a trim point: the RSS the trim gave back (-1 otherwise)
 * @param arenas         arenas with memory there (main included), 0 when unknown
 * @param pinning        pinned memory at the end, or null
 * @param significant    true if it makes the verdict FRAGMENTATION
 */
public record Retention(String where, long eventIndex, long rssBytes, long liveBytes, long retainedBytes,
                        double ratio, long binnedBytes, long topBytes, long trimReleased, int arenas,
                        Pinning pinning, boolean significant) {
}
