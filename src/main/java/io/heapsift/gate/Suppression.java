package io.heapsift.gate;

/**
 * One suppression, from a valgrind {@code .supp} block, a LeakSanitizer {@code leak:} line, or heapsift's
 * built-in defaults. Immutable; hit counts are kept by {@link Suppressions}.
 */
public sealed interface Suppression permits ValgrindSuppression, LsanSuppression, SizeSuppression {

    /** The name shown in hit counts (a valgrind block's name, or the LSan line). */
    String name();

    /** Where it was defined: {@code file:line}, or {@code built-in}. */
    String origin();

    /** True if this suppression covers the leak. */
    boolean matches(Leak leak);
}
