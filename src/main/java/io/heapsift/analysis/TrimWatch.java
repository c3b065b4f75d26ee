package io.heapsift.analysis;

import io.heapsift.event.AllocKind;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.ArenaStats;
import io.heapsift.model.Footprint;
import io.heapsift.model.LiveChunkVisitor;
import io.heapsift.model.MallInfo;
import io.heapsift.model.Placement;
import io.heapsift.model.RetentionReport;

import java.util.ArrayList;
import java.util.List;

/**
 * A model decorator that records the footprint right before and after each {@code malloc_trim} the trace calls.
 * A program trims when it is done freeing, so the moment before is a settled point: whatever the heap still holds
 * beyond live memory there is retention that free() alone did not return.
 */
public final class TrimWatch implements AllocatorModel {

    /** Each trim walks every chunk twice; a program that trims in a hot loop gets its first ones watched. */
    static final int MAX_WATCHED = 200;

    private final AllocatorModel model;
    private final List<Trim> trims = new ArrayList<>();
    private long calls;

    public TrimWatch(AllocatorModel model) {
        this.model = model;
    }

    /**
     * One watched trim.
     *
     * @param ordinal 1-based among the trace's malloc_trim calls
     * @param before  footprint just before
     * @param after   footprint just after
     */
    public record Trim(long ordinal, Footprint before, Footprint after) {
    }

    public List<Trim> trims() {
        return List.copyOf(trims);
    }

    @Override
    public int mallocTrim(int tid, long pad) {
        calls++;
        if (trims.size() >= MAX_WATCHED) return model.mallocTrim(tid, pad);
        Footprint before = model.footprint();
        int r = model.mallocTrim(tid, pad);
        trims.add(new Trim(calls, before, model.footprint()));
        return r;
    }

    @Override public long malloc(int tid, long size, int tag) { return model.malloc(tid, size, tag); }
    @Override public long calloc(int tid, long size, int tag) { return model.calloc(tid, size, tag); }
    @Override public long realloc(int tid, long address, long size, int tag) { return model.realloc(tid, address, size, tag); }
    @Override public long memalign(int tid, long alignment, long size, AllocKind kind, int tag) {
        return model.memalign(tid, alignment, size, kind, tag);
    }
    @Override public void free(int tid, long address) { model.free(tid, address); }
    @Override public Object lastBlock() { return model.lastBlock(); }
    @Override public io.heapsift.model.LiveBlocks liveBlocks() { return model.liveBlocks(); }
    @Override public void free(int tid, long address, Object block) { model.free(tid, address, block); }
    @Override public long realloc(int tid, long address, Object block, long size, int tag) {
        return model.realloc(tid, address, block, size, tag);
    }
    @Override public int mallopt(int tid, int param, long value) { return model.mallopt(tid, param, value); }
    @Override public void threadExit(int tid) { model.threadExit(tid); }
    @Override public MallInfo mallinfo() { return model.mallinfo(); }
    @Override public Footprint footprint() { return model.footprint(); }
    @Override public Placement placement(long address) { return model.placement(address); }
    @Override public long usableSize(long address) { return model.usableSize(address); }
    @Override public List<ArenaStats> arenaStats() { return model.arenaStats(); }
    @Override public boolean placement(long address, io.heapsift.model.PlacementBuffer out) {
        return model.placement(address, out);
    }
    @Override public void arenaTotals(io.heapsift.model.ArenaTotals out) { model.arenaTotals(out); }
    @Override public void mainThread(int tid) { model.mainThread(tid); }
    @Override public long maxMmapRegions() { return model.maxMmapRegions(); }
    @Override public long maxMmapBytes() { return model.maxMmapBytes(); }
    @Override public void forEachLive(LiveChunkVisitor visitor) { model.forEachLive(visitor); }
    @Override public RetentionReport retention() { return model.retention(); }
    @Override public long residentBytes() { return model.residentBytes(); }
}
