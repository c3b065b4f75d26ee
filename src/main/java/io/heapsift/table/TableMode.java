package io.heapsift.table;

/** What kind of data the table was built from. */
public enum TableMode {
    /** Per-call events (ltrace, bpftrace, valgrind --trace-malloc, memleak -t): built from addresses. */
    EVENTS,
    /** Periodic snapshots of outstanding allocations (bcc memleak): the last snapshot, with a series. */
    SNAPSHOTS,
    /** End-of-run loss records with kinds (valgrind memcheck). */
    LEAK_REPORT,
    /** Nothing that describes allocations. */
    EMPTY
}
