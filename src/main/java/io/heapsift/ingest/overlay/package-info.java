/**
 * Overlays: small side files shown beside a trace's model — a sampled RSS log and glibc's malloc_stats() or
 * malloc_info() dumps (design/ptmalloc.md §15.2–15.3). Line-oriented, forgiving: unknown lines are counted, not fatal.
 */
package io.heapsift.ingest.overlay;
