package io.heapsift.event;

/** One line of the tool's own LEAK SUMMARY ("definitely lost: 1,016 bytes in 2 blocks"). */
public record LeakSummary(long line, LeakKind kind, long bytes, long blocks) implements TraceEvent {
}
