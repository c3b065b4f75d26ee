package io.heapsift.report;

import io.heapsift.event.TraceEvent;
import io.heapsift.model.Footprint;
import io.heapsift.replay.Sample;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a replay's footprint timeline as CSV (RFC 4180, one header row), one row per sample: regular samples,
 * checkpoints, the peak and the end, ordered by event index. {@code arena_N} columns appear when the model
 * breaks the arena bytes down per arena.
 */
public final class TimelineCsvWriter {

    static final String[] HEAD = {"event", "line", "time_ns", "mark", "live_bytes", "chunk_bytes", "arena_bytes"};
    static final String[] TAIL = {"mmap_bytes", "mmap_count", "free_bytes", "top_bytes", "binned_bytes",
        "fastbin_bytes", "tcache_bytes", "trimmable_bytes", "rss_bytes", "vmdata_bytes"};

    public void write(List<Sample> samples, Appendable out) throws IOException {
        int arenas = 0;
        for (Sample s : samples) if (s.arenas() != null) arenas = Math.max(arenas, s.arenas().length);
        List<String> header = new ArrayList<>(List.of(HEAD));
        for (int i = 0; i < arenas; i++) header.add("arena_" + i);
        header.addAll(List.of(TAIL));
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            List<Object> row = new ArrayList<>(header.size());
            for (Sample s : samples) {
                Footprint f = s.footprint();
                row.clear();
                row.add(s.eventIndex());
                row.add(s.line());
                row.add(s.timeNs() == TraceEvent.NO_TIME ? "" : Long.toString(s.timeNs()));
                row.add(s.mark().name().toLowerCase(Locale.ROOT));
                row.add(f.requestedLive());
                row.add(f.chunkLive());
                row.add(f.arenaBytes());
                for (int i = 0; i < arenas; i++) row.add(s.arenas() != null && i < s.arenas().length ? s.arenas()[i] : 0);
                row.add(f.mmapBytes());
                row.add(f.mmapCount());
                row.add(f.freeBytes());
                row.add(f.topBytes());
                row.add(f.binnedFree());
                row.add(f.fastbinFree());
                row.add(f.tcacheFree());
                row.add(f.trimmableBytes() < 0 ? "" : Long.toString(f.trimmableBytes())); // blank: not computed
                row.add(f.rssBytes());
                row.add(f.vmDataBytes());
                p.printRecord(row);
            }
            p.flush();
        }
    }
}
