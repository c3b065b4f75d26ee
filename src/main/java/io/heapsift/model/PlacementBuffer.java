package io.heapsift.model;

/**
 * A reusable {@link Placement}: filled by {@link AllocatorModel#placement(long, PlacementBuffer)} so that the replay
 * can check every allocation's placement without allocating an object per allocation. Fields as in {@link Placement}.
 */
public final class PlacementBuffer {
    public int arena;
    public long heapOffset;
    public boolean mmapped;
    public long chunkSize;

    public void set(int arena, long heapOffset, boolean mmapped, long chunkSize) {
        this.arena = arena;
        this.heapOffset = heapOffset;
        this.mmapped = mmapped;
        this.chunkSize = chunkSize;
    }

    public Placement toPlacement() {
        return new Placement(arena, heapOffset, mmapped, chunkSize);
    }
}
