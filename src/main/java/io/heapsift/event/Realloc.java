package io.heapsift.event;

/**
 * A realloc (or reallocarray) call: the block at {@code oldAddress} now lives at {@code newAddress}.
 *
 * <p>{@code oldAddress == 0} is realloc(NULL, n), i.e. a malloc. {@code size == 0} with a non-NULL
 * {@code oldAddress} freed the block (glibc returns NULL). {@code newAddress == 0} with {@code size > 0}
 * is a failed realloc: the old block is untouched.
 *
 * @param size requested new size in bytes (reallocarray: nmemb × size)
 */
public record Realloc(long line, long timeNs, int tid, boolean array, long oldAddress, long size, long newAddress,
                      Stack stack) implements TraceEvent {
    public Realloc {
        if (stack == null) stack = Stack.EMPTY;
    }

    /** True if this call released the old block and returned NULL (realloc(p, 0)). */
    public boolean freesOnly() {
        return size == 0 && oldAddress != 0 && newAddress == 0;
    }

    /** True if the call failed and left the old block in place. */
    public boolean failed() {
        return newAddress == 0 && size != 0;
    }
}
