package io.heapsift.analysis;

/** The one-word answer for a trace; see docs/analysis.md for the rules. */
public enum Verdict {
    /** Memory the program lost: valgrind's definite/indirect/possible leaks, or blocks never freed that recur. */
    LEAK,
    /** Outstanding bytes of some stack rise steadily over the trace. */
    GROWTH,
    /** The allocator holds much more than the program uses: holes, pinned free memory, idle arenas. */
    FRAGMENTATION,
    /** None of the above. */
    CLEAN
}
