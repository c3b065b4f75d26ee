package io.heapsift.model;

/**
 * The replay's table of live blocks, by the caller's key (the trace's address): what the model returned for it
 * (model address, the model's handle), the requested size, the chunk size and the stack id. The replay keeps its own
 * table unless the model offers one ({@link AllocatorModel#liveBlocks()}) that stores the key in the model's block,
 * so that a free costs one table probe and the block the model touches next anyway.
 * Keys are never 0 (NULL). Not thread-safe.
 */
public abstract class LiveBlocks {
    /** Filled by a successful {@link #remove} or {@link #get}, and by a {@link #put} that replaced its key. */
    public long foundModel;
    public long foundSize;
    public long foundChunk;
    public int foundStack;
    public Object foundBlock;

    /**
     * Inserts or replaces. {@code block} is the model's handle ({@link AllocatorModel#lastBlock()}) on the block at
     * {@code modelAddr}; {@code chunk} its chunk size. Returns true if the key was present (found* then hold the old
     * block, which is no longer in the table).
     */
    public abstract boolean put(long key, long modelAddr, long size, long chunk, int stack, Object block);

    /** Removes a block; fills the found* fields and returns true if it was present. */
    public abstract boolean remove(long key);

    /** Looks a block up; fills the found* fields. */
    public abstract boolean get(long key);

    /**
     * Reads the slot the key hashes to (and returns what it read, so the read is kept): called before the model's
     * work on an allocation, so that the table's cache miss for the coming {@link #put} overlaps with the model's.
     */
    public abstract long touch(long key);

    public abstract int size();

    /** Visits every block (no mutation during the walk). */
    public abstract void forEach(Visitor v);

    /** Receives one block of {@link #forEach}. */
    public interface Visitor {
        void visit(long key, long modelAddr, long size, int stack);
    }
}
