package io.heapsift.gate;

import io.heapsift.table.TableMode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The gate's verdict on one trace. Immutable.
 *
 * @param file       the trace
 * @param name       its name in baselines (the file name)
 * @param format     the detected format id, or null when unusable
 * @param mode       what the table was built from, or null when unusable
 * @param status     pass, fail, or unusable input
 * @param error      why the input is unusable, else null
 * @param violations broken rules
 * @param leaks      leaks left after suppressions
 * @param suppressed suppressed leaks with the suppression that matched each
 * @param unchanged  leaks the baseline knows
 * @param added      leaks the baseline does not know (empty without a baseline for this trace)
 * @param fixed      baseline entries this trace no longer has
 * @param checked    rule ids evaluated on this trace
 * @param skipped    rule ids not applicable to this trace, with the reason
 */
public record TraceVerdict(Path file, String name, String format, TableMode mode, Status status, String error,
                           List<Violation> violations, List<Leak> leaks, List<SuppressedLeak> suppressed,
                           List<Leak> unchanged, List<Leak> added, List<Baseline.Entry> fixed, List<String> checked,
                           Map<String, String> skipped) {

    /** Outcome of one trace. */
    public enum Status { PASS, FAIL, UNUSABLE }

    /** A leak and the suppression that covered it. */
    public record SuppressedLeak(Leak leak, Suppression by) {
    }

    /** The verdict on an input that could not be read or recognised. */
    public static TraceVerdict unusable(Path file, String error) {
        return new TraceVerdict(file, file.getFileName() == null ? file.toString() : file.getFileName().toString(),
                null, null, Status.UNUSABLE, error, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("input"), Map.of());
    }
}
