package io.heapsift.event;

/** Which deallocation entry point released a block. */
public enum FreeKind {
    FREE,
    /** C++ {@code operator delete} (any overload but the array ones). */
    DELETE,
    /** C++ {@code operator delete[]}. */
    DELETE_ARRAY,
    MUNMAP,
    KERNEL,
    UNKNOWN
}
