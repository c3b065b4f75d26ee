/**
 * The CI gate: rules (limits, per-stack budgets), suppressions (valgrind {@code .supp} and LeakSanitizer
 * {@code leak:} lines, applied to every input format), baselines, and the verdict of each trace. It reads the
 * finished {@link io.heapsift.table.TableResult} and {@link io.heapsift.replay.ReplayResult} and never
 * recomputes them; writers (text, JUnit XML, SARIF, GitHub annotations) only read {@link GateReport}s.
 */
package io.heapsift.gate;
