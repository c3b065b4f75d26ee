/**
 * bcc memleak captures (format id {@code memleak}): the Python tool {@code tools/memleak.py} in all its
 * modes (periodic snapshots, {@code -a}, {@code --combined-only}, {@code -t} traces, kernel mode) and the
 * C tool {@code libbpf-tools/memleak}.
 *
 * <p>Ingest stage. The grammar {@code grammars/io/heapsift/grammar/memleak/Memleak.g4} classifies one
 * line at a time; {@link io.heapsift.ingest.memleak.MemleakEventBuilder} turns the parse results into
 * events, with two small state machines: {@link io.heapsift.ingest.memleak.SnapshotAssembler} (snapshot
 * headers, stack groups and their frames, address lines) and
 * {@link io.heapsift.ingest.memleak.TraceAssembler} (pairing {@code -t} enter/exit lines per thread).
 * Nothing outside this package knows the memleak text formats.
 */
package io.heapsift.ingest.memleak;
