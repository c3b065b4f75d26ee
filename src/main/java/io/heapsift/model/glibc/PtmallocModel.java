package io.heapsift.model.glibc;

import io.heapsift.event.AllocKind;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.Footprint;
import io.heapsift.model.MallInfo;
import io.heapsift.model.Placement;

/**
 * Chunk-level model of glibc 2.36 ptmalloc2 on x86_64 (see design/ptmalloc.md). SKELETON: the
 * signatures are final, the bodies are being filled in on branch dev-model.
 */
public final class PtmallocModel implements AllocatorModel {

    private final ModelConfig config;

    public PtmallocModel() {
        this(ModelConfig.defaults());
    }

    public PtmallocModel(ModelConfig config) {
        this.config = config;
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    public long malloc(int tid, long size, int tag) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public long calloc(int tid, long size, int tag) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public long realloc(int tid, long address, long size, int tag) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public long memalign(int tid, long alignment, long size, AllocKind kind, int tag) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void free(int tid, long address) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public int mallocTrim(int tid, long pad) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public int mallopt(int tid, int param, long value) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void threadExit(int tid) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public MallInfo mallinfo() {
        return new MallInfo(0, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public Footprint footprint() {
        return new Footprint(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public Placement placement(long address) {
        return null;
    }
}
