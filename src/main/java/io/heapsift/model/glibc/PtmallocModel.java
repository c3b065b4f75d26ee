package io.heapsift.model.glibc;

import io.heapsift.event.AllocKind;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.ArenaStats;
import io.heapsift.model.ArenaTotals;
import io.heapsift.model.Footprint;
import io.heapsift.model.LiveChunkVisitor;
import io.heapsift.model.MallInfo;
import io.heapsift.model.Placement;
import io.heapsift.model.PlacementBuffer;
import io.heapsift.model.RetentionReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunk-level model of glibc 2.36 ptmalloc2 on x86_64 (design/ptmalloc.md §§1–17): the public
 * malloc-family entry points (tcache fast path, arena selection, hidden tcache_perthread_struct), over
 * {@link Engine}'s arena algorithms. Not thread-safe; one instance per replayed process.
 *
 * <p>Simulated addresses: the main heap starts at {@link ModelConfig#brkBase()}, thread heaps are
 * 64 MiB-aligned going down from 0x7ffff0000000, mmapped chunks are laid out upwards from 0x7e0000000000.
 * The first thread that calls the model becomes the main thread (glibc's ptmalloc_init gives the main
 * arena to the first caller). Frees and reallocs of addresses the model never handed out are counted
 * ({@link #unknownFrees()}) and otherwise ignored (realloc of such an address behaves as malloc).
 */
public final class PtmallocModel implements AllocatorModel {

    /** Tag of allocator-internal chunks (tcache structs, heap headers) in {@link io.heapsift.model.RetentionReport.Pin}. */
    public static final int INTERNAL_TAG = Integer.MIN_VALUE;
    /** Requests above this fail (ENOMEM), as they would in a 47-bit address space; avoids size overflow. */
    private static final long MAX_REQUEST = 1L << 62;
    private static final int M_MXFAST = 1;
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_MMAP_MAX = -4;
    private static final int M_PERTURB = -6;
    private static final int M_ARENA_TEST = -7;
    private static final int M_ARENA_MAX = -8;

    private final ModelConfig config;
    final Params mp;
    final Residency rss;
    final Engine eng;
    final Arena mainArena;
    /** Arenas in creation order (index = Arena.index). */
    final List<Arena> arenas = new ArrayList<>();
    private long narenas = 1;
    private long narenasLimit;
    private Arena freeList;
    private Arena nextToUse;
    /**
     * The live chunks by address, built on the first lookup by address and kept from then on: a caller that frees
     * through {@link #lastBlock()} handles (the replay) never needs it, and spares every call a table miss.
     */
    private ChunkTable live;
    /** The caller's table of live blocks by its own key (the replay's), if it asked for one. */
    private KeyedChunks keyed;
    private final LongObjMap<ThreadState> threads = new LongObjMap<>(64);
    private ThreadState lastThread;
    /** The chunk registered last while it stays registered: the replay asks for its placement right away. */
    private Chunk lastRegistered;
    private boolean initialized;
    private long requestedLive;
    private long chunkLive;
    private long unknownFrees;

    public PtmallocModel() {
        this(ModelConfig.defaults());
    }

    public PtmallocModel(ModelConfig config) {
        this.config = config;
        this.mp = new Params(config);
        this.rss = new Residency(config.touchBytes());
        this.eng = new Engine(mp, rss);
        this.mainArena = new Arena(0);
        arenas.add(mainArena);
        mainArena.next = mainArena;
        mainArena.attachedThreads = 1;
        Heap h = new Heap(mainArena, config.brkBase(), null, 1L << 30);
        Chunk top = eng.newChunk();
        top.addr = h.base;
        top.state = Chunk.TOP;
        top.heap = h;
        h.first = top;
        mainArena.heap = h;
        mainArena.top = top;
        mainArena.heapCount = 1;
    }

    public ModelConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ threads and arenas

    private ThreadState thread(int tid) {
        ThreadState ts = lastThread;
        if (ts != null && ts.tid == tid) {
            return ts;
        }
        long key = tid | (1L << 40);
        ts = threads.get(key);
        if (ts == null) {
            ts = new ThreadState(tid);
            threads.put(key, ts);
            if (!initialized) {
                initialized = true;
                ts.arena = mainArena;
            }
        }
        lastThread = ts;
        return ts;
    }

    /**
     * Names the process's main thread (for a trace whose first call may come from another thread, e.g. one
     * attached to a running process): glibc gives the main arena to the thread that initialises malloc, which
     * in a real process is the main thread. Ignored once any thread has called the model.
     */
    @Override
    public void mainThread(int tid) {
        if (!initialized) {
            thread(tid);
        }
    }

    private void ensureTcache(ThreadState ts) {
        if (ts.heads == null && !ts.shuttingDown) {
            Arena a = arenaGet(ts, 640);
            eng.tc = null;
            Chunk c = eng.intMalloc(a, 656);
            if (c == null && a != mainArena) {
                c = eng.intMalloc(mainArena, 656);
            }
            if (c != null) {
                c.internal = true;
                c.tag = INTERNAL_TAG;
                c.req = 640;
                rss.cleared(c, c.size);
                ts.createTcache(c);
            }
        }
    }

    private Arena arenaGet(ThreadState ts, long size) {
        Arena a = ts.arena;
        return a != null ? a : arenaGet2(ts, size);
    }

    /** glibc {@code arena_get2}: free list (LIFO), new arena under the limit, else round-robin reuse. */
    private Arena arenaGet2(ThreadState ts, long size) {
        Arena a = freeList;
        if (a != null) {
            freeList = a.nextFree;
            a.nextFree = null;
            a.onFreeList = false;
            a.attachedThreads = 1;
        } else {
            if (narenasLimit == 0) {
                if (mp.arenaMax != 0) {
                    narenasLimit = mp.arenaMax;
                } else if (narenas > mp.arenaTest) {
                    narenasLimit = 8L * mp.cpus;
                }
            }
            if (Long.compareUnsigned(narenas, narenasLimit - 1) <= 0) {
                narenas++;
                a = newArena(size);
            } else {
                a = reusedArena();
            }
        }
        ts.arena = a;
        return a;
    }

    /** glibc {@code _int_new_arena}: first heap holds heap_info + malloc_state (2256 bytes) then top. */
    private Arena newArena(long size) {
        Arena a = new Arena(arenas.size());
        Heap h = eng.newHeap(a, size + Engine.HEAP_INFO + 2200 + 16, mp.topPad, null);
        if (h == null) {
            h = eng.newHeap(a, Engine.HEAP_INFO + 2200 + 16, mp.topPad, null);
        }
        Chunk hdr = eng.newChunk();
        hdr.addr = h.base;
        hdr.size = Engine.ARENA_HEADER;
        hdr.state = Chunk.HEADER;
        hdr.heap = h;
        Chunk top = eng.newChunk();
        top.addr = h.base + Engine.ARENA_HEADER;
        top.size = h.size - Engine.ARENA_HEADER;
        top.state = Chunk.TOP;
        top.heap = h;
        hdr.next = top;
        top.prev = hdr;
        h.first = hdr;
        a.heap = h;
        a.top = top;
        a.systemMem = h.size;
        a.maxSystemMem = h.size;
        a.attachedThreads = 1;
        a.next = mainArena.next;
        mainArena.next = a;
        arenas.add(a);
        rss.touch(h, h.base, h.base + Engine.ARENA_HEADER);
        rss.write(h, top.addr + Engine.SIZE_SZ);
        return a;
    }

    /** glibc {@code reused_arena} assuming no lock contention: the round-robin cursor's arena. */
    private Arena reusedArena() {
        Arena result = nextToUse == null ? mainArena : nextToUse;
        if (result.onFreeList) {
            removeFromFreeList(result);
        }
        result.attachedThreads++;
        nextToUse = result.next;
        return result;
    }

    private void removeFromFreeList(Arena a) {
        Arena prev = null;
        for (Arena p = freeList; p != null; p = p.nextFree) {
            if (p == a) {
                if (prev == null) {
                    freeList = p.nextFree;
                } else {
                    prev.nextFree = p.nextFree;
                }
                break;
            }
            prev = p;
        }
        a.onFreeList = false;
        a.nextFree = null;
    }

    // ------------------------------------------------------------------ malloc family

    @Override
    public long malloc(int tid, long size, int tag) {
        if (size < 0 || size > MAX_REQUEST) {
            return 0;
        }
        ThreadState ts = thread(tid);
        long nb = Engine.request2size(size);
        ensureTcache(ts);
        int ti = Engine.tidx(nb);
        Chunk c;
        if (ti < mp.tcacheBins && ts.heads != null && ts.counts[ti] > 0) {
            c = eng.tcacheGet(ts, ti);
        } else {
            c = intMallocRetry(ts, arenaGet(ts, size), nb);
        }
        return c == null ? 0 : register(c, size, tag, true);
    }

    private Chunk intMallocRetry(ThreadState ts, Arena a, long nb) {
        eng.tc = ts;
        Chunk c = eng.intMalloc(a, nb);
        if (c == null && a != mainArena) {
            c = eng.intMalloc(mainArena, nb);
        }
        return c;
    }

    private long register(Chunk c, long req, int tag, boolean touch) {
        c.tag = tag;
        c.req = req;
        c.internal = false;
        long user = c.addr + 2 * Engine.SIZE_SZ;
        if (live != null) {
            live.add(c);
        }
        lastRegistered = c;
        requestedLive += req;
        if (c.state != Chunk.MMAPPED) {
            chunkLive += c.size;
        }
        if (touch) {
            rss.userWrite(c);
        }
        if (mp.perturb != 0 && c.state != Chunk.MMAPPED) {
            rss.touch(c.heap, c.addr + 2 * Engine.SIZE_SZ, c.addr + 2 * Engine.SIZE_SZ + req);
        }
        return user;
    }

    /** The live program chunk at a user address, or null. */
    private Chunk lookup(long address) {
        Chunk c = lastRegistered;
        if (c != null && c.addr + 2 * Engine.SIZE_SZ == address) {
            return c;
        }
        return index().get(address);
    }

    /** A caller's handle if it still names the live program chunk at {@code address}, else the lookup. */
    private Chunk lookup(long address, Object block) {
        if (block instanceof Chunk c && c.addr + 2 * Engine.SIZE_SZ == address && !c.internal
            && (c.state == Chunk.INUSE || c.state == Chunk.MMAPPED)) {
            return c;
        }
        return lookup(address);
    }

    private ChunkTable index() {
        if (live == null) {
            ChunkTable t = new ChunkTable(1 << 12);
            forEachLiveChunk(t::add);
            live = t;
        }
        return live;
    }

    /** Every live program chunk: heaps in address order, then the mmapped chunks (no lookup table needed). */
    private void forEachLiveChunk(java.util.function.Consumer<Chunk> action) {
        for (Arena a : arenas) {
            for (Heap h = a.heap; h != null; h = h.prev) {
                for (Chunk c = h.first; c != null; c = c.next) {
                    if (c.state == Chunk.INUSE && !c.internal) {
                        action.accept(c);
                    }
                }
            }
        }
        eng.forEachMmapped(action);
    }

    private Chunk unregister(long address, Object block) {
        Chunk c = lookup(address, block);
        if (c != null) {
            if (live != null) {
                live.remove(address);
            }
            if (c == lastRegistered) {
                lastRegistered = null;
            }
            requestedLive -= c.req;
            if (c.state != Chunk.MMAPPED) {
                chunkLive -= c.size;
            }
        }
        return c;
    }

    @Override
    public Object lastBlock() {
        return lastRegistered;
    }

    @Override
    public io.heapsift.model.LiveBlocks liveBlocks() {
        if (keyed == null) {
            keyed = new KeyedChunks();
        } else {
            throw new IllegalStateException("the model's live-block table is already in use");
        }
        return keyed;
    }

    @Override
    public long calloc(int tid, long size, int tag) {
        if (size < 0 || size > MAX_REQUEST) {
            return 0;
        }
        ThreadState ts = thread(tid);
        long nb = Engine.request2size(size);
        ensureTcache(ts);
        Arena av = arenaGet(ts, size);
        Chunk oldTop = av.top;
        long oldTopAddr = oldTop.addr;
        long oldTopSize = oldTop.size;
        Heap h = av.heap;
        long hw = av.main ? h.base + av.maxSystemMem - oldTopAddr : h.base + h.mprotectSize - oldTopAddr;
        if (oldTopSize < hw) {
            oldTopSize = hw;
        }
        Chunk c = intMallocRetry(ts, av, nb);
        if (c == null) {
            return 0;
        }
        if (c.state == Chunk.MMAPPED) {
            long user = register(c, size, tag, false);
            if (mp.perturb != 0) {
                rss.userWrite(c, -1);
            }
            rss.userWriteCalloc(c);
            return user;
        }
        long csz = c.size;
        if (mp.perturb == 0 && c.addr == oldTopAddr && csz > oldTopSize) {
            csz = oldTopSize;
        }
        long user = register(c, size, tag, false);
        rss.cleared(c, csz);
        rss.userWriteCalloc(c);
        return user;
    }

    @Override
    public long realloc(int tid, long address, long size, int tag) {
        return realloc(tid, address, null, size, tag);
    }

    @Override
    public long realloc(int tid, long address, Object block, long size, int tag) {
        if (size == 0 && address != 0) {
            free(tid, address, block);
            return 0;
        }
        if (address == 0) {
            return malloc(tid, size, tag);
        }
        Chunk old = lookup(address, block);
        if (old == null) {
            unknownFrees++;
            return malloc(tid, size, tag);
        }
        if (size < 0 || size > MAX_REQUEST) {
            return 0;
        }
        long nb = Engine.request2size(size);
        if (old.state == Chunk.MMAPPED) {
            unregister(address, old);
            eng.mremapChunk((MmapChunk) old, nb);
            return register(old, size, tag, true);
        }
        ThreadState ts = thread(tid);
        ensureTcache(ts);
        Arena av = old.heap.arena;
        unregister(address, old);
        eng.tc = ts;
        Chunk n = eng.intRealloc(av, old, nb);
        if (n == null) {
            register(old, old.req, old.tag, false);
            return 0;
        }
        return register(n, size, tag, true);
    }

    @Override
    public long memalign(int tid, long alignment, long size, AllocKind kind, int tag) {
        long bytes = size;
        long align = alignment;
        if (kind == AllocKind.VALLOC) {
            align = Engine.PAGE;
        } else if (kind == AllocKind.PVALLOC) {
            align = Engine.PAGE;
            bytes = (bytes + Engine.PAGE - 1) & -(Engine.PAGE - 1);
        } else if (kind == AllocKind.POSIX_MEMALIGN
            && (align <= 0 || align % 8 != 0 || Long.bitCount(align / 8) != 1)) {
            return 0;
        }
        if (bytes < 0 || bytes > MAX_REQUEST) {
            return 0;
        }
        if (Long.compareUnsigned(align, 16) <= 0) {
            return malloc(tid, bytes, tag);
        }
        if (align < 32) {
            align = 32;
        }
        if (align < 0) {
            return 0;
        }
        if (Long.bitCount(align) != 1) {
            long a = 32;
            while (a < align) {
                a <<= 1;
            }
            align = a;
        }
        ThreadState ts = thread(tid);
        Arena av = arenaGet(ts, bytes + align + Engine.MINSIZE);
        eng.tc = ts;
        Chunk c = eng.intMemalign(av, align, bytes);
        if (c == null && av != mainArena) {
            c = eng.intMemalign(mainArena, align, bytes);
        }
        return c == null ? 0 : register(c, bytes, tag, true);
    }

    @Override
    public void free(int tid, long address) {
        free(tid, address, null);
    }

    @Override
    public void free(int tid, long address, Object block) {
        if (address == 0) {
            return;
        }
        Chunk c = unregister(address, block);
        if (c == null) {
            unknownFrees++;
            return;
        }
        if (c.state == Chunk.MMAPPED) {
            long sizeWord = c.size | 2;
            if (!mp.noDynThreshold && sizeWord > mp.mmapThreshold
                && sizeWord <= Params.DEFAULT_MMAP_THRESHOLD_MAX) {
                mp.mmapThreshold = c.size;
                mp.trimThreshold = 2 * c.size;
            }
            eng.munmapChunk((MmapChunk) c);
            return;
        }
        ThreadState ts = thread(tid);
        ensureTcache(ts);
        eng.tc = ts;
        eng.intFree(c.heap.arena, c);
    }

    @Override
    public int mallocTrim(int tid, long pad) {
        thread(tid);
        eng.tc = null;
        int result = 0;
        Arena a = mainArena;
        do {
            result |= eng.mtrim(a, pad);
            a = a.next;
        } while (a != mainArena);
        return result;
    }

    @Override
    public int mallopt(int tid, int param, long value) {
        thread(tid);
        eng.consolidate(mainArena);
        int v = (int) value;
        long sz = Params.sizeT(v);
        switch (param) {
            case M_MXFAST:
                if (v >= 0 && v <= 160) {
                    mp.maxFast = v <= 7 ? 16 : (v + 8) & ~15L;
                    return 1;
                }
                return 0;
            case M_TRIM_THRESHOLD:
                mp.trimThreshold = sz;
                mp.noDynThreshold = true;
                return 1;
            case M_TOP_PAD:
                mp.topPad = sz;
                mp.noDynThreshold = true;
                return 1;
            case M_MMAP_THRESHOLD:
                mp.mmapThreshold = sz;
                mp.noDynThreshold = true;
                return 1;
            case M_MMAP_MAX:
                mp.nMmapsMax = v;
                mp.noDynThreshold = true;
                return 1;
            case M_PERTURB:
                mp.perturb = v;
                return 1;
            case M_ARENA_TEST:
                if (v > 0) {
                    mp.arenaTest = v;
                }
                return 1;
            case M_ARENA_MAX:
                if (v > 0) {
                    mp.arenaMax = v;
                }
                return 1;
            default:
                return 1;
        }
    }

    @Override
    public void threadExit(int tid) {
        ThreadState ts = threads.get(tid | (1L << 40));
        if (ts == null) {
            return;
        }
        ts.shuttingDown = true;
        eng.tc = null;
        Chunk[] heads = ts.heads;
        if (heads != null) {
            ts.heads = null;
            for (int i = 0; i < heads.length; i++) {
                while (heads[i] != null) {
                    Chunk e = heads[i];
                    heads[i] = e.fd;
                    e.fd = null;
                    e.state = Chunk.INUSE;
                    eng.tcacheBytes -= e.size;
                    e.heap.arena.tcacheBytes -= e.size;
                    eng.intFree(e.heap.arena, e);
                }
            }
            Chunk s = ts.tcacheStruct;
            ts.tcacheStruct = null;
            eng.intFree(s.heap.arena, s);
        }
        Arena a = ts.arena;
        ts.arena = null;
        if (a != null && --a.attachedThreads == 0) {
            a.nextFree = freeList;
            a.onFreeList = true;
            freeList = a;
        }
        threads.remove(tid | (1L << 40));
        if (lastThread == ts) {
            lastThread = null;
        }
    }

    // ------------------------------------------------------------------ statistics

    @Override
    public MallInfo mallinfo() {
        long arena = 0;
        long ordblks = 0;
        long smblks = 0;
        long uord = 0;
        long ford = 0;
        long fsm = 0;
        for (Arena a : arenas) {
            long avail = a.avail();
            arena += a.systemMem;
            ordblks += 1 + a.binnedCount;
            smblks += a.fastCount;
            ford += avail;
            uord += a.systemMem - avail;
            fsm += a.fastBytes;
        }
        return new MallInfo(arena, ordblks, smblks, mp.nMmaps, mp.mmappedMem, uord, ford, fsm, mainArena.topSize());
    }

    @Override
    public long arenaPlusMmapBytes() {
        long arena = 0;
        for (int i = 0, n = arenas.size(); i < n; i++) {
            arena += arenas.get(i).systemMem;
        }
        return arena + mp.mmappedMem;
    }

    @Override
    public Footprint footprint() {
        return footprint(true);
    }

    @Override
    public Footprint footprint(boolean withTrimmable) {
        long arena = 0;
        long free = 0;
        long top = 0;
        long binned = 0;
        long fast = 0;
        for (Arena a : arenas) {
            arena += a.systemMem;
            free += a.avail();
            top += a.topSize();
            binned += a.binnedBytes;
            fast += a.fastBytes;
        }
        long trimmable = withTrimmable ? Retention.trimmableBytes(this) : -1;
        long vm = mainArena.heap.size + rss.liveHeaps * Params.HEAP_MAX + mp.mmappedMem;
        return new Footprint(requestedLive, chunkLive, arena, mp.mmappedMem, mp.nMmaps, free, top, binned, fast,
            eng.tcacheBytes, trimmable, rss.residentBytes(), vm);
    }

    @Override
    public Placement placement(long address) {
        PlacementBuffer b = new PlacementBuffer();
        return placement(address, b) ? b.toPlacement() : null;
    }

    @Override
    public boolean placement(long address, PlacementBuffer out) {
        Chunk c = lookup(address);
        if (c == null) {
            return false;
        }
        if (c.state == Chunk.MMAPPED) {
            out.set(-1, ((MmapChunk) c).mmapOffset + 2 * Engine.SIZE_SZ, true, c.size);
        } else {
            out.set(c.heap.arena.index, address - c.heap.base, false, c.size);
        }
        return true;
    }

    @Override
    public long usableSize(long address) {
        Chunk c = lookup(address);
        if (c == null) {
            return 0;
        }
        return c.state == Chunk.MMAPPED ? c.size - 2 * Engine.SIZE_SZ : c.size - Engine.SIZE_SZ;
    }

    @Override
    public List<ArenaStats> arenaStats() {
        List<ArenaStats> out = new ArrayList<>(arenas.size());
        int order = 0;
        Arena a = mainArena;
        do {
            long avail = a.avail();
            out.add(new ArenaStats(a.index, order++, a.systemMem, a.systemMem - avail, a.maxSystemMem, a.heapCount,
                a.topSize(), a.binnedCount, a.binnedBytes, a.fastCount, a.fastBytes, a.tcacheBytes,
                a.attachedThreads));
            a = a.next;
        } while (a != mainArena);
        return out;
    }

    @Override
    public void arenaTotals(ArenaTotals out) {
        out.reset(arenas.size());
        long ford = 0;
        long sys = 0;
        Arena a = mainArena;
        do {
            out.add(a.index, a.systemMem, a.heapCount, a.topSize(), a.binnedBytes, a.fastBytes, a.tcacheBytes);
            ford += a.avail();
            sys += a.systemMem;
            a = a.next;
        } while (a != mainArena);
        out.arena = sys;
        out.fordblks = ford;
        out.hblkhd = mp.mmappedMem;
        out.hblks = mp.nMmaps;
    }

    /** Visits every chunk parked in a tcache (tests, diagnostics). */
    void forEachTcacheChunk(java.util.function.Consumer<Chunk> action) {
        threads.forEach((ts, k) -> {
            if (ts.heads != null) {
                for (Chunk head : ts.heads) {
                    for (Chunk e = head; e != null; e = e.fd) {
                        action.accept(e);
                    }
                }
            }
        });
    }

    @Override
    public long maxMmapRegions() {
        return mp.maxNMmaps;
    }

    @Override
    public long maxMmapBytes() {
        return mp.maxMmappedMem;
    }

    @Override
    public void forEachLive(LiveChunkVisitor visitor) {
        forEachLiveChunk(c -> visitor.visit(c.addr + 2 * Engine.SIZE_SZ, c.req, c.size, c.tag,
            c.state == Chunk.MMAPPED ? -1 : c.heap.arena.index, c.state == Chunk.MMAPPED));
    }

    @Override
    public RetentionReport retention() {
        return Retention.report(this);
    }

    @Override
    public long residentBytes() {
        return rss.residentBytes();
    }

    @Override
    public String mallocInfo() {
        return GlibcReports.mallocInfo(this);
    }

    @Override
    public String mallocStats() {
        return GlibcReports.mallocStats(this);
    }

    /** Frees and reallocs of addresses the model never handed out (trace started late, or lost events). */
    public long unknownFrees() {
        return unknownFrees;
    }

    /** Current dynamic mmap threshold (glibc mp_.mmap_threshold). */
    public long mmapThreshold() {
        return mp.mmapThreshold;
    }

    /** Current trim threshold (glibc mp_.trim_threshold). */
    public long trimThreshold() {
        return mp.trimThreshold;
    }

    /** Number of arenas including main. */
    public int arenaCount() {
        return arenas.size();
    }
}
