package io.heapsift.replay;

import io.heapsift.model.MallInfo;

/**
 * One checkpoint of a workload's ground truth: glibc's own mallinfo2() and the process's VmRSS / VmData.
 *
 * @param seq      the workload's checkpoint number
 * @param label    what the workload had just done
 * @param mallinfo glibc's numbers
 * @param rssBytes VmRSS of the whole process
 * @param vmDataBytes VmData of the whole process
 */
public record MallinfoRow(long seq, String label, MallInfo mallinfo, long rssBytes, long vmDataBytes) {
}
