package io.heapsift.model.glibc;

import io.heapsift.model.LiveBlocks;
import java.util.HashMap;
import java.util.Map;

/**
 * The replay's live-block table kept in the model's own chunks: each live chunk carries the caller's key (the trace
 * address), and the table holds chunk references only, keyed by it. Model address, chunk size and stack are the
 * chunk's own; the caller's requested size is the chunk's unless it differs (aligned {@code operator new} rounds
 * the size glibc sees, pvalloc rounds to pages), and then it is kept aside. A free thus costs one small table
 * (4 bytes a slot, a quarter full) and the chunk the model is about to work on anyway, where a separate table of
 * entries cost a miss of its own.
 */
final class KeyedChunks extends LiveBlocks {
    private final ChunkTable table = new ChunkTable(1 << 14, true);
    /** Caller sizes that differ from the chunk's requested bytes, by key. */
    private final Map<Long, Long> oddSizes = new HashMap<>();

    @Override
    public boolean put(long key, long modelAddr, long size, long chunk, int stack, Object block) {
        if (!(block instanceof Chunk c) || c.addr + 2 * Engine.SIZE_SZ != modelAddr || c.size != chunk
            || c.tag != stack) {
            throw new IllegalArgumentException("not the model's block at 0x" + Long.toHexString(modelAddr));
        }
        boolean existed = remove(key);
        c.key = key;
        c.oddSize = size != c.req;
        if (c.oddSize) {
            oddSizes.put(key, size);
        }
        table.add(c);
        return existed;
    }

    @Override
    public boolean remove(long key) {
        Chunk c = table.remove(key);
        if (c == null) {
            return false;
        }
        found(c);
        if (c.oddSize) {
            oddSizes.remove(key);
            c.oddSize = false;
        }
        return true;
    }

    @Override
    public boolean get(long key) {
        Chunk c = table.get(key);
        if (c != null) {
            found(c);
        }
        return c != null;
    }

    private void found(Chunk c) {
        foundModel = c.addr + 2 * Engine.SIZE_SZ;
        foundSize = c.oddSize ? oddSizes.get(c.key) : c.req;
        foundChunk = c.size;
        foundStack = c.tag;
        foundBlock = c;
    }

    @Override
    public long touch(long key) {
        Chunk c = table.touch(key);
        return c == null ? 0 : 1;
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public void forEach(Visitor v) {
        table.forEach(c -> v.visit(c.key, c.addr + 2 * Engine.SIZE_SZ, c.oddSize ? oddSizes.get(c.key) : c.req,
            c.tag));
    }
}
