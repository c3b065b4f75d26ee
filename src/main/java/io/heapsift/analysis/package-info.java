/**
 * Analysis: reads the outstanding-allocation table, per-stack series and the allocator replay of one trace and
 * produces an immutable {@link io.heapsift.analysis.AnalysisResult} — a label per stack, a verdict (LEAK, GROWTH,
 * FRAGMENTATION, CLEAN), the evidence and advice. Knows no capture format. Rules: docs/analysis.md.
 */
package io.heapsift.analysis;
