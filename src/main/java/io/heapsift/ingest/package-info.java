/**
 * Reading captures: format detection, decompression, line accounting and the per-format parsers
 * (one sub-package each: grammar in {@code grammars/}, builder turning parse results into events).
 *
 * <p>Format knowledge stays in this package and its sub-packages: what leaves it is the
 * {@link io.heapsift.event.TraceEvent} stream plus a {@link io.heapsift.ingest.ParseSummary}.
 */
package io.heapsift.ingest;
