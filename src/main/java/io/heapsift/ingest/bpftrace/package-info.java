/**
 * Ingest of heapsift's own bpftrace capture (format id {@code bpftrace}): the output of
 * {@code heapsift.bt} ("heapsift-bpftrace 1", docs/formats/bpftrace.md) as bpftrace writes it.
 *
 * <p>Each line is parsed with the ANTLR grammar {@code Bpftrace.g4}; {@link io.heapsift.ingest.bpftrace.BpftraceEventBuilder}
 * turns the parse into events, joins stack blocks, and passes every timed event through a
 * {@link io.heapsift.ingest.bpftrace.ReorderBuffer}: bpftrace drains its perf buffers one CPU at a time, so
 * lines are ordered per CPU but not globally; the buffer restores timestamp order within a bounded window.
 */
package io.heapsift.ingest.bpftrace;
