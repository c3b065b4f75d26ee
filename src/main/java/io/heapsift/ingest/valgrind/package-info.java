/**
 * valgrind text logs: memcheck output (loss records, errors, HEAP / LEAK / ERROR SUMMARY) and the
 * {@code --trace-malloc=yes} call lines, read by one parser registered under two format ids
 * ({@code valgrind-memcheck}, {@code valgrind-trace-malloc}).
 *
 * <p>Each line is parsed with the {@code Valgrind.g4} grammar ({@link io.heapsift.grammar.valgrind});
 * {@link io.heapsift.ingest.valgrind.ValgrindEventBuilder} assembles the multi-line records (a loss
 * record or an error and its stack) per process id, and {@link io.heapsift.ingest.valgrind.TraceCalls}
 * pairs trace-malloc calls with their results, which valgrind may glue onto one line or split over two.
 */
package io.heapsift.ingest.valgrind;
