package io.heapsift.model.glibc;

import java.util.Locale;

/** {@code malloc_info(0, fp)} and {@code malloc_stats()} output, byte for byte as glibc 2.36 prints them. */
final class GlibcReports {
    private GlibcReports() {
    }

    /** glibc's __malloc_info: per-arena size classes (regular-bin sizes include the PREV_INUSE bit), totals. */
    static String mallocInfo(PtmallocModel m) {
        StringBuilder sb = new StringBuilder("<malloc version=\"1\">\n");
        long tNblocks = 0;
        long tNfast = 0;
        long tAvail = 0;
        long tFast = 0;
        long tSystem = 0;
        long tMaxSystem = 0;
        long tAspace = 0;
        long tMprotect = 0;
        int n = 0;
        Arena a = m.mainArena;
        do {
            sb.append("<heap nr=\"").append(n++).append("\">\n<sizes>\n");
            long avail = a.topSize();
            long nblocks = 1;
            long nfast = 0;
            long fastAvail = 0;
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < Arena.NFASTBINS; i++) {
                Chunk p = a.fast[i];
                if (p != null) {
                    long size = p.size;
                    long count = 0;
                    for (; p != null; p = p.fd) {
                        count++;
                    }
                    fastAvail += count * size;
                    nfast += count;
                    size(lines, "size", size - 15, size, count * size, count);
                }
            }
            String unsorted = null;
            for (int i = 1; i < Arena.NBINS; i++) {
                Chunk bin = a.bins[i];
                long count = 0;
                long total = 0;
                long from = Long.MAX_VALUE;
                long to = 0;
                for (Chunk r = bin.fd; r != bin; r = r.fd) {
                    long raw = r.size | 1;
                    count++;
                    total += raw;
                    from = Math.min(from, raw);
                    to = Math.max(to, raw);
                }
                nblocks += count;
                avail += total;
                if (count == 0) {
                    continue;
                }
                if (i == 1) {
                    StringBuilder u = new StringBuilder();
                    size(u, "unsorted", from, to, total, count);
                    unsorted = u.toString();
                } else {
                    size(lines, "size", from, to, total, count);
                }
            }
            sb.append(lines);
            if (unsorted != null) {
                sb.append(unsorted);
            }
            tNfast += nfast;
            tFast += fastAvail;
            tNblocks += nblocks;
            tAvail += avail;
            tSystem += a.systemMem;
            tMaxSystem += a.maxSystemMem;
            sb.append("</sizes>\n<total type=\"fast\" count=\"").append(nfast).append("\" size=\"").append(fastAvail)
                .append("\"/>\n<total type=\"rest\" count=\"").append(nblocks).append("\" size=\"").append(avail)
                .append("\"/>\n<system type=\"current\" size=\"").append(a.systemMem)
                .append("\"/>\n<system type=\"max\" size=\"").append(a.maxSystemMem).append("\"/>\n");
            if (!a.main) {
                long size = 0;
                long mprotect = 0;
                long count = 0;
                for (Heap h = a.heap; h != null; h = h.prev) {
                    size += h.size;
                    mprotect += h.mprotectSize;
                    count++;
                }
                aspace(sb, size, mprotect);
                sb.append("<aspace type=\"subheaps\" size=\"").append(count).append("\"/>\n");
                tAspace += size;
                tMprotect += mprotect;
            } else {
                aspace(sb, a.systemMem, a.systemMem);
                tAspace += a.systemMem;
                tMprotect += a.systemMem;
            }
            sb.append("</heap>\n");
            a = a.next;
        } while (a != m.mainArena);
        sb.append("<total type=\"fast\" count=\"").append(tNfast).append("\" size=\"").append(tFast).append("\"/>\n")
            .append("<total type=\"rest\" count=\"").append(tNblocks).append("\" size=\"").append(tAvail)
            .append("\"/>\n")
            .append("<total type=\"mmap\" count=\"").append((int) m.mp.nMmaps).append("\" size=\"")
            .append(m.mp.mmappedMem).append("\"/>\n")
            .append("<system type=\"current\" size=\"").append(tSystem).append("\"/>\n")
            .append("<system type=\"max\" size=\"").append(tMaxSystem).append("\"/>\n");
        aspace(sb, tAspace, tMprotect);
        return sb.append("</malloc>\n").toString();
    }

    private static void size(StringBuilder sb, String tag, long from, long to, long total, long count) {
        sb.append("  <").append(tag).append(" from=\"").append(from).append("\" to=\"").append(to)
            .append("\" total=\"").append(total).append("\" count=\"").append(count).append("\"/>\n");
    }

    private static void aspace(StringBuilder sb, long total, long mprotect) {
        sb.append("<aspace type=\"total\" size=\"").append(total).append("\"/>\n<aspace type=\"mprotect\" size=\"")
            .append(mprotect).append("\"/>\n");
    }

    /** glibc's __malloc_stats (the totals are unsigned int and wrap at 4 GiB, as glibc prints them). */
    static String mallocStats(PtmallocModel m) {
        StringBuilder sb = new StringBuilder();
        long inUse = m.mp.mmappedMem & 0xffffffffL;
        long system = inUse;
        int i = 0;
        Arena a = m.mainArena;
        do {
            long avail = a.avail();
            long sys = a.systemMem & 0xffffffffL;
            long use = (a.systemMem - avail) & 0xffffffffL;
            sb.append("Arena ").append(i++).append(":\n");
            sb.append(String.format(Locale.ROOT, "system bytes     = %10d%n", sys));
            sb.append(String.format(Locale.ROOT, "in use bytes     = %10d%n", use));
            system = (system + sys) & 0xffffffffL;
            inUse = (inUse + use) & 0xffffffffL;
            a = a.next;
        } while (a != m.mainArena);
        sb.append("Total (incl. mmap):\n");
        sb.append(String.format(Locale.ROOT, "system bytes     = %10d%n", system));
        sb.append(String.format(Locale.ROOT, "in use bytes     = %10d%n", inUse));
        sb.append(String.format(Locale.ROOT, "max mmap regions = %10d%n", m.mp.maxNMmaps & 0xffffffffL));
        sb.append(String.format(Locale.ROOT, "max mmap bytes   = %10d%n", m.mp.maxMmappedMem));
        return sb.toString().replace(System.lineSeparator(), "\n");
    }
}
