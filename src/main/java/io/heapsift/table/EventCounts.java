package io.heapsift.table;

import java.util.List;

/**
 * What the table saw in an event trace, including everything it could not match.
 *
 * @param unknownFrees    frees of addresses never seen allocated (allocated before the capture began,
 *                        or by calls the capture did not trace, e.g. libc-internal ones under {@code ltrace -e})
 * @param doubleFrees     frees of an address already freed and not allocated again since (a double free,
 *                        or an allocation the capture missed)
 * @param untrackedAllocs allocations whose address the tool did not show (ltrace's posix_memalign); not live
 * @param replacedLive    allocations returning an address that was still live (a free the capture lost)
 */
public record EventCounts(long allocs, long allocBytes, long frees, long reallocs, long failedAllocs, long nullFrees,
                          long unknownFrees, long unknownReallocs, long doubleFrees, long untrackedAllocs,
                          long untrackedBytes, long replacedLive, long threadExits, long processExits,
                          long toolErrors, long allocatorCalls, List<Long> doubleFreeLines,
                          List<Long> unknownFreeLines) {
}
