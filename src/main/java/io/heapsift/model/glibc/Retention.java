package io.heapsift.model.glibc;

import io.heapsift.model.RetentionReport;
import io.heapsift.model.RetentionReport.ArenaRetention;
import io.heapsift.model.RetentionReport.Pin;
import io.heapsift.model.RetentionReport.PinKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes {@link RetentionReport} (and the trimmable part of the footprint) by walking every heap in
 * address order once; see RetentionReport for the definitions. Read-only: the model state is not changed.
 */
final class Retention {
    private static final long PAGE = Engine.PAGE;

    private final boolean withPins;
    private final List<Pin> pins = new ArrayList<>();
    private Chunk pend;
    private long pendBlocked;
    private long pendPage;
    private long runStart;
    private long runSize;
    private Heap heap;
    long topAfter;
    long runCount;
    long releasable;
    long releasableResident;
    long pinned;

    private Retention(boolean withPins) {
        this.withPins = withPins;
    }

    static long trimmableBytes(PtmallocModel m) {
        long total = 0;
        for (Arena a : m.arenas) {
            Retention r = new Retention(false);
            r.walk(a);
            total += r.releasableResident + (a.main ? mainTopRelease(r.topAfter) : 0);
        }
        return total;
    }

    static RetentionReport report(PtmallocModel m) {
        long[] cached = new long[m.arenas.size()];
        m.arenaStats().forEach(s -> cached[s.arena()] = s.tcacheBytes());
        List<ArenaRetention> out = new ArrayList<>();
        for (Arena a : m.arenas) {
            Retention r = new Retention(true);
            r.walk(a);
            long topRelease = a.main ? mainTopRelease(r.topAfter) : 0;
            out.add(new ArenaRetention(a.index, a.systemMem, a.avail(), r.topAfter, r.runCount,
                r.releasable + topRelease, r.releasableResident + topResident(a, topRelease),
                r.pinned, r.topAfter - topRelease, cached[a.index], List.copyOf(r.pins)));
        }
        return new RetentionReport(List.copyOf(out));
    }

    /** What systrim(0) would release from a top of this size (never negative). */
    static long mainTopRelease(long top) {
        long area = top - Engine.MINSIZE - 1;
        return area <= 0 ? 0 : Engine.alignDown(area, PAGE);
    }

    private static long topResident(Arena a, long release) {
        if (release <= 0) {
            return 0;
        }
        Heap h = a.heap;
        return h.residentIn(h.end() - release, h.end()) * PAGE;
    }

    private void walk(Arena a) {
        List<Heap> heaps = new ArrayList<>();
        for (Heap h = a.heap; h != null; h = h.prev) {
            heaps.add(0, h);
        }
        for (Heap h : heaps) {
            heap = h;
            for (Chunk c = h.first; c != null; c = c.next) {
                visit(c);
            }
            endRun(null);
            flushPend();
        }
    }

    private void visit(Chunk c) {
        byte s = c.state;
        if (s == Chunk.BINNED || s == Chunk.FAST) {
            if (runSize == 0) {
                runStart = c.addr;
            }
            runSize += c.size;
        } else if (s == Chunk.TOP) {
            topAfter += runSize + c.size;
            runSize = 0;
        } else if (runSize > 0) {
            endRun(c);
        } else {
            flushPend();
            pend = c;
        }
    }

    /** Closes the current run; {@code upper} is the non-free chunk above it (null: heap end). */
    private void endRun(Chunk upper) {
        if (runSize == 0) {
            return;
        }
        long s = runStart;
        long e = runStart + runSize;
        long p = Math.min(Engine.alignUp(s + 48, PAGE), e);
        long q = Math.max(p, Engine.alignDown(e, PAGE));
        long madv = runSize > PAGE - 1 + 48 && q - p >= PAGE ? q - p : 0;
        if (madv == 0) {
            q = p;
        }
        releasable += madv;
        if (madv > 0) {
            releasableResident += heap.residentIn(p, q) * PAGE;
        }
        pinned += runSize - madv;
        runCount++;
        long head = p - s;
        long tail = e - q;
        if (pend != null) {
            pendPage += head;
        } else {
            tail += head;
        }
        if (upper != null) {
            flushPend();
            pend = upper;
            pendBlocked += runSize;
            pendPage += tail;
        } else {
            pendPage += tail;
        }
        runSize = 0;
    }

    private void flushPend() {
        if (pend != null && (pendBlocked != 0 || pendPage != 0) && withPins) {
            pins.add(pin(pend, pendBlocked, pendPage));
        }
        pend = null;
        pendBlocked = 0;
        pendPage = 0;
    }

    private static Pin pin(Chunk c, long blocked, long page) {
        PinKind kind;
        long address;
        if (c.state == Chunk.HEADER || c.internal) {
            kind = PinKind.INTERNAL;
            address = c.addr;
        } else {
            kind = c.state == Chunk.TCACHE ? PinKind.TCACHE : PinKind.LIVE;
            address = c.addr + 2 * Engine.SIZE_SZ;
        }
        return new Pin(address, c.internal || c.state == Chunk.HEADER ? PtmallocModel.INTERNAL_TAG : c.tag, kind,
            c.size, blocked, page);
    }
}
