/**
 * ltrace captures → events. {@code grammars/io/heapsift/grammar/ltrace/Ltrace.g4} defines one line;
 * {@link io.heapsift.ingest.ltrace.LtraceFormat} reads a capture line by line (a hand-written fast
 * path for the common shapes, checked against the grammar by tests), and a small state machine pairs
 * split calls per thread, folds nested allocator calls into the outermost one, attaches {@code -w}
 * frames and emits {@link io.heapsift.event.TraceEvent}s. Nothing about ltrace leaves this package.
 */
package io.heapsift.ingest.ltrace;
