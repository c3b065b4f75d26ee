package io.heapsift.ingest.overlay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads glibc's {@code malloc_stats()} text or {@code malloc_info()} XML (design/ptmalloc.md §15.2–15.3). When the
 * file holds several dumps, the last one counts. malloc_stats totals are {@code unsigned int} in glibc and wrap at
 * 4 GiB; they are read as printed.
 */
public final class MallocStatsReader {

    /**
     * One dump.
     *
     * @param arenas      per arena: {system bytes, in-use bytes}
     * @param systemBytes total system bytes (malloc_stats: incl. mmap)
     * @param inUseBytes  total in-use bytes (malloc_stats: incl. mmap; malloc_info: system - free + mmap)
     * @param mmapBytes   mmapped bytes (malloc_info), -1 when not printed
     */
    public record Dump(List<long[]> arenas, long systemBytes, long inUseBytes, long mmapBytes) {
    }

    private static final Pattern KV = Pattern.compile("^\\s*(system bytes|in use bytes)\\s*=\\s*(\\d+)\\s*$");
    private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private MallocStatsReader() {
    }

    public static Dump read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Dump d = text.contains("<malloc") ? info(text) : stats(text);
        if (d == null) throw new IOException(file + ": neither malloc_stats() nor malloc_info() output");
        return d;
    }

    private static Dump stats(String text) {
        List<long[]> arenas = new ArrayList<>();
        long sys = -1, use = -1;
        boolean total = false, any = false;
        long[] cur = null;
        for (String line : text.split("\\R")) {
            if (line.startsWith("Arena ")) {
                if (total) { arenas = new ArrayList<>(); total = false; } // a later dump starts
                cur = new long[] {0, 0};
                arenas.add(cur);
                continue;
            }
            if (line.startsWith("Total (incl. mmap)")) {
                total = true;
                cur = null;
                continue;
            }
            Matcher m = KV.matcher(line);
            if (!m.matches()) continue;
            any = true;
            long v = Long.parseLong(m.group(2));
            int i = m.group(1).startsWith("system") ? 0 : 1;
            if (cur != null) cur[i] = v;
            else if (total && i == 0) sys = v;
            else if (total) use = v;
        }
        return any ? new Dump(arenas, sys, use, -1) : null;
    }

    /** malloc_info: per heap the current system size and free (fast + rest) bytes; totals after the heaps. */
    private static Dump info(String text) {
        int last = text.lastIndexOf("<malloc");
        text = text.substring(last);
        List<long[]> arenas = new ArrayList<>();
        long sys = -1, free = 0, mmap = -1;
        long[] cur = null;
        boolean inHeap = false;
        for (String line : text.split("\\R")) {
            String l = line.trim();
            if (l.startsWith("<heap")) {
                inHeap = true;
                cur = new long[] {0, 0};
                arenas.add(cur);
            } else if (l.startsWith("</heap")) {
                inHeap = false;
                cur[1] = Math.max(0, cur[0] - cur[1]); // in use = system - free
            } else if (l.startsWith("<total") || l.startsWith("<system")) {
                java.util.Map<String, String> a = attrs(l);
                String type = a.getOrDefault("type", "");
                long size = Long.parseLong(a.getOrDefault("size", "0"));
                if (l.startsWith("<system") && type.equals("current")) {
                    if (inHeap) cur[0] = size;
                    else sys = size;
                } else if (l.startsWith("<total") && (type.equals("fast") || type.equals("rest"))) {
                    if (inHeap) cur[1] += size;
                    else free += size;
                } else if (l.startsWith("<total") && type.equals("mmap")) {
                    mmap = size;
                }
            }
        }
        if (sys < 0) return null;
        long m = Math.max(0, mmap);
        return new Dump(arenas, sys + m, Math.max(0, sys - free) + m, mmap);
    }

    private static java.util.Map<String, String> attrs(String tag) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        Matcher a = ATTR.matcher(tag);
        while (a.find()) m.put(a.group(1), a.group(2));
        return m;
    }
}
