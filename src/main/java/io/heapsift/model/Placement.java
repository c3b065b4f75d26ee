package io.heapsift.model;

/**
 * Where a chunk lives.
 *
 * @param arena      0 = main arena, 1.. = thread arenas in creation order; -1 for an mmapped chunk
 * @param heapOffset offset of the user pointer from the start of its heap (main: sbrk base; thread
 *                   arena: its 64 MiB-aligned heap), or from the mapping start for an mmapped chunk
 * @param mmapped    true if served by a direct mmap
 * @param chunkSize  chunk size in bytes (with header, without flag bits)
 */
public record Placement(int arena, long heapOffset, boolean mmapped, long chunkSize) {
}
