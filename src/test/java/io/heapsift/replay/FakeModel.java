package io.heapsift.replay;

import io.heapsift.event.AllocKind;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.Footprint;
import io.heapsift.model.MallInfo;
import io.heapsift.model.Placement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny allocator for replay tests: one brk heap at {@link #BASE}, chunks carved from the end with glibc's size
 * rounding, exact-size LIFO reuse of freed chunks, requests of 128 KiB or more "mmapped". Records every call.
 */
final class FakeModel implements AllocatorModel {
    static final long BASE = 0x10000000L;
    static final long MMAP_BASE = 0x7f0000000000L;

    final List<String> calls = new ArrayList<>();
    private final TreeMap<Long, long[]> chunks = new TreeMap<>(); // user addr -> {chunkSize, requested, tag, mmapped}
    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private long brk = 0x10; // next user pointer offset
    private long mmapNext = MMAP_BASE;
    private long freeBytes, mmapBytes, mmapCount, requested;

    static long chunk(long n) {
        return Math.max(32, (n + 8 + 15) & ~15L);
    }

    @Override
    public long malloc(int tid, long size, int tag) {
        calls.add("malloc(" + tid + "," + size + ")");
        return take(size, tag);
    }

    private long take(long size, int tag) {
        long c = chunk(size);
        requested += size;
        if (c >= 131072) {
            long map = (c + 8 + 4095) & ~4095L;
            long a = mmapNext + 16;
            mmapNext += map + 4096;
            chunks.put(a, new long[] {map, size, tag, 1});
            mmapBytes += map;
            mmapCount++;
            return a;
        }
        ArrayDeque<Long> q = free.get(c);
        long a;
        if (q != null && !q.isEmpty()) {
            a = q.pop();
            freeBytes -= c;
        } else {
            a = BASE + brk;
            brk += c;
        }
        chunks.put(a, new long[] {c, size, tag, 0});
        return a;
    }

    @Override
    public long calloc(int tid, long size, int tag) {
        calls.add("calloc(" + tid + "," + size + ")");
        return take(size, tag);
    }

    @Override
    public long realloc(int tid, long address, long size, int tag) {
        calls.add("realloc(" + tid + "," + (address == 0 ? "0" : "p") + "," + size + ")");
        if (address == 0) return take(size, tag);
        if (size == 0) {
            release(address);
            return 0;
        }
        release(address);
        return take(size, tag);
    }

    @Override
    public long memalign(int tid, long alignment, long size, AllocKind kind, int tag) {
        calls.add("memalign(" + tid + "," + alignment + "," + size + "," + kind + ")");
        return take(size, tag);
    }

    @Override
    public void free(int tid, long address) {
        calls.add("free(" + tid + ")");
        release(address);
    }

    private void release(long address) {
        long[] c = chunks.remove(address);
        if (c == null) throw new IllegalStateException("free of a model address not live: " + Long.toHexString(address));
        requested -= c[1];
        if (c[3] == 1) {
            mmapBytes -= c[0];
            mmapCount--;
            return;
        }
        free.computeIfAbsent(c[0], k -> new ArrayDeque<>()).push(address);
        freeBytes += c[0];
    }

    @Override
    public int mallocTrim(int tid, long pad) {
        calls.add("trim(" + tid + "," + pad + ")");
        return 0;
    }

    @Override
    public int mallopt(int tid, int param, long value) {
        calls.add("mallopt(" + param + "," + value + ")");
        return 1;
    }

    @Override
    public void threadExit(int tid) {
        calls.add("exit(" + tid + ")");
    }

    long arena() {
        return (brk + 4095) & ~4095L;
    }

    @Override
    public MallInfo mallinfo() {
        long top = arena() - brk;
        return new MallInfo(arena(), 1, 0, mmapCount, mmapBytes, brk - freeBytes, freeBytes + top, 0, top);
    }

    @Override
    public Footprint footprint() {
        long top = arena() - brk;
        long live = brk - freeBytes;
        return new Footprint(requested, live, arena(), mmapBytes, mmapCount, freeBytes + top, top, freeBytes, 0, 0, 0,
                arena() + mmapBytes, arena() + mmapBytes);
    }

    @Override
    public Placement placement(long address) {
        long[] c = chunks.get(address);
        if (c == null) return null;
        if (c[3] == 1) return new Placement(-1, 16, true, c[0]);
        return new Placement(0, address - BASE, false, c[0]);
    }
}
