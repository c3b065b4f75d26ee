package io.heapsift.model;

/**
 * Optional capability of an {@link AllocatorModel}: the footprint split by arena. The replay's timeline shows
 * per-arena bytes only for models that implement it.
 */
public interface ArenaBreakdown {

    /** {@code system_mem} of each arena (main arena first, then thread arenas in creation order). */
    long[] arenaSystemBytes();
}
