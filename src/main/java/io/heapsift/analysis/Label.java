package io.heapsift.analysis;

/** What one stack's outstanding memory is. */
public enum Label {
    /** valgrind: definitely lost. */
    DEFINITE("definitely lost"),
    /** valgrind: indirectly lost (owned by a definitely lost block). */
    INDIRECT("indirectly lost"),
    /** valgrind: possibly lost (only interior pointers to it). */
    POSSIBLE("possibly lost"),
    /** Outstanding bytes rise steadily over the trace. */
    GROWING("growing"),
    /** Several blocks from this stack were never freed. */
    LEAKED("never freed"),
    /** Allocated on a thread that ended, never freed: leaks once per thread. */
    THREAD_LEAK("never freed (thread ended)"),
    /** valgrind: still reachable at exit. */
    REACHABLE("still reachable"),
    /**
     * Outstanding bytes grew, then stayed level for the second half of the stack's own active span (first to last
     * allocation): a cache or pool that reached its size and kept replacing what it evicts.
     */
    PLATEAU("plateaued"),
    /** Blocks kept from one moment only (one allocation, or one burst such as a table filled once): harmless. */
    ONE_OFF("one-off"),
    /** The C/C++ runtime's own one-time blocks (stdio buffers, thread control blocks, EH pool). */
    RUNTIME("runtime"),
    /** Everything it allocated was freed. */
    TRANSIENT("transient");

    private final String text;

    Label(String text) {
        this.text = text;
    }

    /** Words for reports. */
    public String text() {
        return text;
    }

    /** JSON/CSV name: lower case, dashes. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** True for labels that make a trace a LEAK or GROWTH. */
    public boolean isProblem() {
        return this == DEFINITE || this == INDIRECT || this == POSSIBLE || this == GROWING || this == LEAKED
                || this == THREAD_LEAK;
    }
}
