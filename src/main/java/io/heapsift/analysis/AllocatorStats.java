package io.heapsift.analysis;

import java.util.List;

/**
 * glibc's own statistics dumped by the program (malloc_stats() or malloc_info()), shown beside the model.
 *
 * @param source      file name
 * @param arenas      per arena: system bytes and in-use bytes
 * @param systemBytes total system bytes (incl. mmap)
 * @param inUseBytes  total in-use bytes (incl. mmap)
 * @param mmapBytes   mmapped bytes, -1 when not given
 */
public record AllocatorStats(String source, List<Arena> arenas, long systemBytes, long inUseBytes, long mmapBytes) {

    /** One arena. */
    public record Arena(int arena, long systemBytes, long inUseBytes) {
    }
}
