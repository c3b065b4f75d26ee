package io.heapsift.model.glibc;

import java.util.ArrayList;
import java.util.List;

/** Consistency checks over the whole model state (used by tests; O(chunks)). */
final class Invariants {
    private Invariants() {
    }

    /** Returns the violations found (empty when consistent). */
    static List<String> check(PtmallocModel m) {
        List<String> errors = new ArrayList<>();
        long totalBinned = 0;
        for (Arena a : m.arenas) {
            long binned = 0;
            long binnedBytes = 0;
            long fast = 0;
            long fastBytes = 0;
            long system = 0;
            int heaps = 0;
            for (Heap h = a.heap; h != null; h = h.prev) {
                heaps++;
                system += h.size;
                if (h.first.addr != h.base) {
                    errors.add("heap " + Long.toHexString(h.base) + " first chunk not at base");
                }
                Chunk prev = null;
                long at = h.base;
                for (Chunk c = h.first; c != null; c = c.next) {
                    if (c.addr != at) {
                        errors.add("gap/overlap at " + Long.toHexString(at) + " vs " + c);
                    }
                    if (c.prev != prev) {
                        errors.add("bad prev link at " + c);
                    }
                    if (c.heap != h) {
                        errors.add("bad heap ref at " + c);
                    }
                    if (c.size < 0 || (c.size & 15) != 0 && c.state != Chunk.HEADER) {
                        errors.add("bad size " + c);
                    }
                    if (c.state == Chunk.BINNED) {
                        binned++;
                        binnedBytes += c.size;
                        if (prev != null && prev.state == Chunk.BINNED) {
                            errors.add("adjacent free chunks " + prev + " " + c);
                        }
                    }
                    if (c.state == Chunk.FAST) {
                        fast++;
                        fastBytes += c.size;
                    }
                    if (c.state == Chunk.TOP && (c != a.top || c.next != null)) {
                        errors.add("stray top " + c);
                    }
                    at += c.size;
                    prev = c;
                }
                if (at != h.end()) {
                    errors.add("heap " + Long.toHexString(h.base) + " tiles to " + Long.toHexString(at) + " not "
                        + Long.toHexString(h.end()));
                }
                if (h == a.heap && prev != a.top) {
                    errors.add("top is not the last chunk of the newest heap in arena " + a.index);
                }
                if (h != a.heap && (prev != h.fence || prev.state != Chunk.HEADER)) {
                    errors.add("older heap " + Long.toHexString(h.base) + " does not end with its fencepost");
                }
                if (h == a.heap && h.fence != null) {
                    errors.add("newest heap has a fencepost");
                }
            }
            if (heaps != a.heapCount) {
                errors.add("heap count " + heaps + " != " + a.heapCount);
            }
            if (system != a.systemMem) {
                errors.add("arena " + a.index + " system_mem " + a.systemMem + " != heap sizes " + system);
            }
            if (binned != a.binnedCount || binnedBytes != a.binnedBytes) {
                errors.add("arena " + a.index + " binned " + binned + "/" + binnedBytes + " vs counters "
                    + a.binnedCount + "/" + a.binnedBytes);
            }
            if (fast != a.fastCount || fastBytes != a.fastBytes) {
                errors.add("arena " + a.index + " fast " + fast + "/" + fastBytes + " vs counters " + a.fastCount + "/"
                    + a.fastBytes);
            }
            long inLists = 0;
            for (int i = 1; i < Arena.NBINS; i++) {
                Chunk s = a.bins[i];
                for (Chunk c = s.fd; c != s; c = c.fd) {
                    inLists++;
                    if (c.state != Chunk.BINNED || c.bin != i || c.fd.bk != c) {
                        errors.add("bin " + i + " holds " + c);
                        break;
                    }
                    if (i > 1 && Arena.binIndex(c.size) != i) {
                        errors.add("chunk " + c + " in wrong bin " + i);
                    }
                }
            }
            if (inLists != binned) {
                errors.add("arena " + a.index + " bin lists hold " + inLists + " chunks, heaps " + binned);
            }
            totalBinned += binned;
        }
        long[] tc = new long[m.arenas.size()];
        m.forEachTcacheChunk(c -> tc[c.heap.arena.index] += c.size);
        for (Arena a : m.arenas) {
            if (tc[a.index] != a.tcacheBytes) {
                errors.add("arena " + a.index + " tcache bytes " + a.tcacheBytes + " != " + tc[a.index]);
            }
        }
        long heapPages = 0;
        for (Arena a : m.arenas) {
            for (Heap h = a.heap; h != null; h = h.prev) {
                heapPages += h.residentPages;
            }
        }
        if (heapPages != m.rss.heapPages) {
            errors.add("resident heap pages " + m.rss.heapPages + " != sum " + heapPages);
        }
        return errors;
    }
}
