package io.heapsift.cli;

import io.heapsift.analysis.AllocatorStats;
import io.heapsift.analysis.ChartPoint;
import io.heapsift.event.RssSample;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.overlay.MallocStatsReader;
import io.heapsift.ingest.overlay.RssLogReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the overlay files and hands them to the analysis in its terms. */
final class Overlays {
    private Overlays() {
    }

    /**
     * RSS samples as chart points. x is the sample's own clock in seconds: epoch seconds for timestamped
     * {@code /proc/PID/status} dumps (aligned with the trace later when the trace's clock is the epoch too), seconds
     * since the process started for {@code ps -o etimes}, the sample index when untimed.
     */
    static List<ChartPoint> rss(Path file) throws IOException {
        List<RssSample> samples = RssLogReader.read(file);
        List<ChartPoint> out = new ArrayList<>();
        long t0 = samples.get(0).timeNs();
        for (int i = 0; i < samples.size(); i++) {
            RssSample s = samples.get(i);
            double x = t0 == TraceEvent.NO_TIME || s.timeNs() == TraceEvent.NO_TIME ? i : s.timeNs() / 1e9;
            out.add(new ChartPoint(x, -1, -1, s.rssBytes()));
        }
        return out;
    }

    static AllocatorStats stats(Path file) throws IOException {
        MallocStatsReader.Dump d = MallocStatsReader.read(file);
        List<AllocatorStats.Arena> arenas = new ArrayList<>();
        for (int i = 0; i < d.arenas().size(); i++) {
            arenas.add(new AllocatorStats.Arena(i, d.arenas().get(i)[0], d.arenas().get(i)[1]));
        }
        return new AllocatorStats(file.getFileName().toString(), List.copyOf(arenas), d.systemBytes(),
                d.inUseBytes(), d.mmapBytes());
    }
}
