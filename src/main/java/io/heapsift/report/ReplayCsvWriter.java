package io.heapsift.report;

import io.heapsift.model.Footprint;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Sample;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a replay summary as CSV (RFC 4180, one header row): one row per configuration (the main one, then each
 * {@code --compare}) and moment ({@code peak}, {@code end}). The full series is {@code --timeline}'s business.
 */
public final class ReplayCsvWriter {

    static final String[] HEADER = {"source", "config", "at", "event", "live_bytes", "chunk_bytes", "arena_bytes",
        "mmap_bytes", "mmap_count", "free_bytes", "top_bytes", "binned_bytes", "fastbin_bytes", "tcache_bytes",
        "trimmable_bytes", "rss_bytes", "vmdata_bytes", "retained_bytes"};

    public void write(ReplayReport r, Appendable out) throws IOException {
        List<ReplayResult> rows = r.whatIf().isEmpty() ? List.of(r.result()) : r.whatIf();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (ReplayResult res : rows) {
                row(p, r.parse().source(), res.config(), "peak", res.peak());
                row(p, r.parse().source(), res.config(), "end", res.end());
            }
            p.flush();
        }
    }

    private static void row(CSVPrinter p, String source, String config, String at, Sample s) throws IOException {
        Footprint f = s.footprint();
        List<Object> v = new ArrayList<>(List.of(source, config, at, s.eventIndex()));
        for (long x : new long[] {f.requestedLive(), f.chunkLive(), f.arenaBytes(), f.mmapBytes(), f.mmapCount(),
            f.freeBytes(), f.topBytes(), f.binnedFree(), f.fastbinFree(), f.tcacheFree(), f.trimmableBytes(),
            f.rssBytes(), f.vmDataBytes(), f.requestedLive() < 0 ? -1 : Math.max(0, f.rssBytes() - f.requestedLive())}) {
            v.add(x < 0 ? "" : Long.toString(x)); // blank: not computed
        }
        p.printRecord(v);
    }
}
