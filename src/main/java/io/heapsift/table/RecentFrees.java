package io.heapsift.table;

/**
 * The most recently freed addresses that have not been allocated again, for double-free detection,
 * bounded so that memory does not grow with the length of a trace: once {@code capacity} frees are
 * remembered, the oldest is forgotten (a later free of it counts as a free of an unknown block).
 * An address freed, reused and freed again sits twice in the ring; forgetting the older copy also
 * forgets the newer one — an imprecision only after {@code capacity} further frees.
 */
final class RecentFrees {

    private final LongSet set = new LongSet();
    private final long[] ring;
    private int start;
    private int count;

    RecentFrees(int capacity) {
        ring = new long[capacity];
    }

    boolean contains(long addr) {
        return set.contains(addr);
    }

    void add(long addr) {
        if (count == ring.length) {
            set.remove(ring[start]);
            start = (start + 1) % ring.length;
            count--;
        }
        ring[(start + count) % ring.length] = addr;
        count++;
        set.add(addr);
    }

    void remove(long addr) {
        set.remove(addr);
    }
}
