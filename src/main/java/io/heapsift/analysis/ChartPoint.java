package io.heapsift.analysis;

/**
 * One point of the report's timeline chart.
 *
 * @param x          seconds from the first event, or event index
 * @param liveBytes  live bytes (-1 unknown)
 * @param heapBytes  the model's arena + mmapped bytes (-1 unknown)
 * @param rssBytes   the model's estimated heap RSS (-1 unknown)
 */
public record ChartPoint(double x, long liveBytes, long heapBytes, long rssBytes) {
}
