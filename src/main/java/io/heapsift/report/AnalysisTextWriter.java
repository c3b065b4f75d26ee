package io.heapsift.report;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Suspect;
import io.heapsift.analysis.WhatIf;
import io.heapsift.event.Frame;
import io.heapsift.replay.ReplayResult;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Writes an analysis for a person at a terminal: verdict, evidence, advice, suspects. {@code emphasis} decorates
 * fixed words only (the CLI passes picocli's bold markup, which is plain text off a terminal); trace data never
 * goes through it.
 */
public final class AnalysisTextWriter {

    /** Frames shown per suspect. */
    static final int MAX_FRAMES = 6;

    private final int top;
    private final UnaryOperator<String> emphasis;

    public AnalysisTextWriter(int top, UnaryOperator<String> emphasis) {
        this.top = top;
        this.emphasis = emphasis;
    }

    public void write(AnalysisResult r, PrintWriter out) {
        out.printf("%s: %s%n", r.source(), r.format());
        out.printf("  verdict: %s (severity %s)%n", emphasis.apply(r.verdict().name()), r.severity());
        out.println();
        wrap(r.evidence(), "  ", out);
        if (!r.advice().isEmpty()) {
            out.println();
            out.println("  " + emphasis.apply("advice"));
            for (String a : r.advice()) wrap(a, "    - ", out);
        }
        ReplayResult rr = r.replay();
        if (rr != null) {
            out.println();
            out.printf("  heap (glibc 2.36 model)   peak: %s RSS%s    end: %s RSS, %s live%n",
                    Bytes.human(rr.peak().footprint().rssBytes()), rr.peak().footprint().requestedLive() < 0 ? ""
                            : ", " + Bytes.human(rr.peak().footprint().requestedLive()) + " live",
                    Bytes.human(rr.end().footprint().rssBytes()), Bytes.human(rr.end().footprint().requestedLive()));
            for (WhatIf w : r.whatIf()) {
                out.printf("  what if %-20s mean RSS %s -> %s, end %s -> %s%n", w.config(), Bytes.human(w.baseMeanRss()),
                        Bytes.human(w.meanRssBytes()), Bytes.human(w.baseEndRss()), Bytes.human(w.endRssBytes()));
            }
        }
        if (r.allocatorStats() != null) {
            out.printf("  malloc_stats (%s): system %s, in use %s, %d arenas%n", r.allocatorStats().source(),
                    Bytes.human(r.allocatorStats().systemBytes()), Bytes.human(r.allocatorStats().inUseBytes()),
                    r.allocatorStats().arenas().size());
        }
        if (!r.sampledRss().isEmpty()) {
            long max = r.sampledRss().stream().mapToLong(p -> p.rssBytes()).max().orElse(0);
            out.printf("  sampled RSS: %d samples, max %s, last %s%n", r.sampledRss().size(), Bytes.human(max),
                    Bytes.human(r.sampledRss().get(r.sampledRss().size() - 1).rssBytes()));
        }
        suspects(r, out);
        out.flush();
    }

    private void suspects(AnalysisResult r, PrintWriter out) {
        if (r.suspects().isEmpty()) return;
        out.println();
        out.println("  " + emphasis.apply("stacks") + " (outstanding at the end)");
        int n = 0;
        for (Suspect s : r.suspects()) {
            if (n++ >= top) {
                out.printf("    ... %d more%n", r.suspects().size() - top);
                break;
            }
            String growth = Double.isNaN(s.growthBytesPerSecond()) ? ""
                    : String.format(Locale.ROOT, ", +%s/s", Bytes.human(Math.round(s.growthBytesPerSecond())));
            out.printf("  #%d %s in %s blocks  [%s%s]%n", n, Bytes.human(s.bytes() + s.indirectBytes()),
                    Bytes.grouped(s.blocks()), s.label().text(), growth);
            int shown = 0;
            for (Frame f : s.stack().frames()) {
                if (shown++ >= MAX_FRAMES) {
                    out.printf("        ... %d more frames%n", s.stack().frames().size() - MAX_FRAMES);
                    break;
                }
                out.println("        " + f.display());
            }
            if (s.stack().frames().isEmpty()) out.println("        (no stack in this capture)");
        }
    }

    /** Wraps a paragraph at 100 columns. */
    static void wrap(String text, String indent, PrintWriter out) {
        String pad = " ".repeat(indent.length());
        StringBuilder line = new StringBuilder(indent);
        int width = 100;
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > indent.length()) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(pad);
            }
            line.append(word).append(' ');
        }
        out.println(line.toString().stripTrailing());
    }
}
