package io.heapsift.event;

/** A thread ended (ltrace "+++ exited" for a non-leader thread, bpftrace thread exit). */
public record ThreadExit(long line, long timeNs, int tid) implements TraceEvent {
}
