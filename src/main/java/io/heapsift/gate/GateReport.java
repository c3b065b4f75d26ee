package io.heapsift.gate;

import java.util.List;

/**
 * Everything one gate run decided, for the writers. The exit status: unusable input first (3), then a failed
 * rule (4), else pass (0).
 */
public record GateReport(List<TraceVerdict> traces, Suppressions suppressions, Rules rules, boolean baselineUsed) {

    public long count(TraceVerdict.Status s) {
        return traces.stream().filter(t -> t.status() == s).count();
    }

    public long violations() {
        return traces.stream().mapToLong(t -> t.violations().size()).sum();
    }

    /** True when every trace was usable and passed. */
    public boolean passed() {
        return !traces.isEmpty() && count(TraceVerdict.Status.PASS) == traces.size();
    }
}
