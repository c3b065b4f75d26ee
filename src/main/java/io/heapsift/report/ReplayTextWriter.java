package io.heapsift.report;

import io.heapsift.event.Frame;
import io.heapsift.model.Footprint;
import io.heapsift.replay.CheckpointComparison;
import io.heapsift.replay.Incomplete;
import io.heapsift.replay.Pinning;
import io.heapsift.replay.PlacementFidelity;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Sample;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** Writes a replay for a person at a terminal. */
public final class ReplayTextWriter {

    static final int MAX_FRAMES = 6;

    public void write(ReplayReport r, PrintWriter out) {
        ReplayResult res = r.result();
        out.printf("%s: %s, %s events replayed through the glibc 2.36 malloc model (config: %s)%n",
                r.parse().source(), r.parse().formatId(), Bytes.grouped(res.events()), r.scenario().label());
        ReplayResult.Counts c = res.counts();
        out.printf("  %s allocations, %s frees, %s reallocs, %d thread(s)%s%n", Bytes.grouped(c.allocs()),
                Bytes.grouped(c.frees()), Bytes.grouped(c.reallocs()), c.threads(),
                c.periodicTrims() > 0 ? ", " + Bytes.grouped(c.periodicTrims()) + " modelled malloc_trim(0)" : "");
        out.println();
        footprint(res, out);
        incomplete(res.incomplete(), out);
        if (r.glibcAddresses() && res.placement() != null && res.placement().placed() > 0) placement(res.placement(), out);
        if (r.checkpoints() != null) {
            checkpoints(r.checkpoints(), r.mallinfoSource(), out);
        } else if (!r.result().checkpoints().isEmpty()) {
            out.printf("%n  %d mallinfo2() calls in the trace: the model's mallinfo2 at each is in --output json"
                    + " (mallinfoCalls);%n  give glibc's numbers with --mallinfo FILE.tsv to compare them here%n",
                    r.result().checkpoints().size());
        }
        if (res.pinningPeak() != null) pinning("at the peak", res.pinningPeak(), out);
        pinning("at the end", res.pinningEnd(), out);
        if (!r.whatIf().isEmpty()) whatIf(r.whatIf(), out);
        out.flush();
    }

    private static void footprint(ReplayResult res, PrintWriter out) {
        Sample p = res.peak(), e = res.end();
        out.printf("  %-34s %14s %14s%n", "", "peak (event " + Bytes.grouped(p.eventIndex()) + ")", "end");
        line(out, "live (requested by the program)", p, e, Footprint::requestedLive);
        line(out, "live chunks (headers, rounding)", p, e, Footprint::chunkLive);
        line(out, "arena: brk heap + thread heaps", p, e, Footprint::arenaBytes);
        if (p.arenas() != null && p.arenas().length > 1) {
            for (int i = 0; i < p.arenas().length; i++) {
                long ev = e.arenas() != null && i < e.arenas().length ? e.arenas()[i] : 0;
                out.printf("    %-32s %14s %14s%n", i == 0 ? "main arena" : "arena " + i, Bytes.human(p.arenas()[i]),
                        Bytes.human(ev));
            }
        }
        out.printf("  %-34s %14s %14s%n", "mmapped chunks", Bytes.human(p.footprint().mmapBytes()) + " /"
                + p.footprint().mmapCount(), Bytes.human(e.footprint().mmapBytes()) + " /" + e.footprint().mmapCount());
        line(out, "free inside arenas (fordblks)", p, e, Footprint::freeBytes);
        line(out, "  top chunks", p, e, Footprint::topBytes);
        line(out, "  bins (fragmentation)", p, e, Footprint::binnedFree);
        line(out, "  fastbins", p, e, Footprint::fastbinFree);
        line(out, "tcache (free, counted in use)", p, e, Footprint::tcacheFree);
        line(out, "malloc_trim(0) would release", p, e, Footprint::trimmableBytes);
        line(out, "RSS estimate (heap)", p, e, Footprint::rssBytes);
        line(out, "VmData estimate (heap)", p, e, Footprint::vmDataBytes);
        line(out, "retained = RSS - live", p, e, f -> f.requestedLive() < 0 ? -1 : Math.max(0, f.rssBytes() - f.requestedLive()));
        if (res.peakSpan().eventIndex() != p.eventIndex()) {
            out.printf("  largest arena + mmap: %s at event %s%n", Bytes.human(res.peakSpan().heapPlusMmap()),
                    Bytes.grouped(res.peakSpan().eventIndex()));
        }
    }

    private static void line(PrintWriter out, String what, Sample p, Sample e, ToLongFunction<Footprint> f) {
        out.printf("  %-34s %14s %14s%n", what, human(f.applyAsLong(p.footprint())), human(f.applyAsLong(e.footprint())));
    }

    static String human(long v) {
        return v < 0 ? "-" : Bytes.human(v);
    }

    private static void incomplete(Incomplete i, PrintWriter out) {
        List<String> parts = new ArrayList<>();
        add(parts, i.unknownFrees(), "frees of unknown addresses (skipped; glibc's own thread-exit frees count here)");
        add(parts, i.unexplainedFrees(), "of them not at a thread exit: events were lost or misordered");
        add(parts, i.unknownReallocs(), "reallocs of unknown blocks (replayed as malloc)");
        add(parts, i.unmatchedAllocs(), "allocations without an address (allocated anyway; "
                + i.lateBound() + " tied to a later free by placement)");
        add(parts, i.failedAllocs(), "failed allocations");
        add(parts, i.failedReallocs(), "failed reallocs");
        add(parts, i.unknownSizes(), "allocations without a size (skipped)");
        add(parts, i.reusedLive(), "addresses handed out again while live (a free was lost)");
        add(parts, i.noThread(), "events without a thread id (thread 1)");
        add(parts, i.modelRefused(), "allocations the model refused");
        add(parts, i.notHeap(), "mmap/kernel records (not heap)");
        add(parts, i.ignoredThreadExits(), "thread exits not replayed (main thread, or after exit)");
        if (parts.isEmpty()) return;
        out.printf("%n  trace %s:%n", i.complete() ? "complete (notes)" : "INCOMPLETE: the model had to guess");
        for (String s : parts) out.printf("    %s%n", s);
    }

    private static void add(List<String> parts, long n, String what) {
        if (n > 0) parts.add(Bytes.grouped(n) + " " + what);
    }

    private static void placement(PlacementFidelity p, PrintWriter out) {
        out.printf("%n  placement fidelity (model chunk at glibc's offset): %s of %s exact (%s), same side %s%n",
                Bytes.grouped(p.placedExact()), Bytes.grouped(p.placed()), pct(p.placedExactShare()),
                pct(p.sameSideShare()));
        out.printf("    main arena %s/%s, thread heaps %s/%s, mmapped %s/%s%n", Bytes.grouped(p.mainExact()),
                Bytes.grouped(p.mainPlaced()), Bytes.grouped(p.threadExact()), Bytes.grouped(p.threadPlaced()),
                Bytes.grouped(p.mmapExact()), Bytes.grouped(p.mmapPlaced()));
        if (p.firstMismatchLine() > 0) {
            out.printf("    first difference at line %d: %s%n", p.firstMismatchLine(), p.firstMismatch());
        }
    }

    private static void checkpoints(CheckpointComparison c, String source, PrintWriter out) {
        out.printf("%n  mallinfo2 fidelity against %s: %d checkpoints compared (trace %d, ground truth %d)%n",
                source == null ? "glibc" : source, c.compared(), c.traceCheckpoints(), c.tsvRows());
        out.printf("    %-10s %8s %10s %12s%n", "field", "exact", "max err", "first diff");
        for (CheckpointComparison.Field f : c.fields()) {
            out.printf("    %-10s %8s %10s %12s%n", f.name(), pct(f.exactShare()), pct(f.maxRelError()),
                    f.firstMismatch() == 0 ? "-" : "#" + f.firstMismatch());
        }
        CheckpointComparison.Error rss = c.rss();
        if (rss.compared() == 0) return; // the ground truth has no VmRSS (mallinfo2 values from the trace)
        out.printf("    RSS estimate: max error %s, mean %s (%s), after a non-heap baseline of %s%n",
                pct(rss.maxRelError()), pct(rss.meanRelError()), Bytes.human(rss.maxAbsErrorBytes()),
                Bytes.human(rss.baselineBytes()));
    }

    private static void pinning(String when, Pinning p, PrintWriter out) {
        if (p.blockedBytes() == 0) return;
        out.printf("%n  free memory held below in-use chunks %s: %s in holes, of which %s no trim can return;%n",
                when, Bytes.human(p.blockedBytes()), Bytes.human(p.pinnedBytes()));
        out.printf("    malloc_trim(0) would release %s (%s of it resident)%s%n", Bytes.human(p.releasableBytes()),
                Bytes.human(p.releasableResidentBytes()), p.exact() ? "" : " [approximate: model without chunk walk]");
        for (Pinning.Arena a : p.arenas()) {
            if (a.blockedBytes() == 0) continue;
            out.printf("    %s: %s in %s holes, %s pinned%n", a.arena() == 0 ? "main arena" : "arena " + a.arena(),
                    Bytes.human(a.blockedBytes()), Bytes.grouped(a.runs()), Bytes.human(a.pinnedBytes()));
        }
        int rank = 0;
        for (Pinning.Row row : p.stacks()) {
            String who = switch (row.kind()) {
                case LIVE -> "live chunk(s)";
                case TCACHE -> "chunk(s) parked in tcaches";
                case INTERNAL -> "allocator-internal chunk(s) (tcache structs, heap headers)";
            };
            out.printf("    #%d holds %s below (%s pinned) with %s %s of %s%n", ++rank, Bytes.human(row.blockedBytes()),
                    Bytes.human(row.pinnedBytes()), Bytes.grouped(row.chunks()), who, Bytes.human(row.chunkBytes()));
            if (row.kind() != Pinning.Kind.LIVE) continue;
            List<Frame> frames = row.stack().frames();
            if (frames.isEmpty()) out.println("        <no stack>");
            for (int i = 0; i < Math.min(MAX_FRAMES, frames.size()); i++) out.printf("        %s%n", frames.get(i).display());
            if (frames.size() > MAX_FRAMES) out.printf("        ... %d more%n", frames.size() - MAX_FRAMES);
        }
        if (p.stacksTotal() > p.stacks().size()) out.printf("    (%d more)%n", p.stacksTotal() - p.stacks().size());
    }

    private static void whatIf(List<ReplayResult> rows, PrintWriter out) {
        out.printf("%n  what-if (same trace, other configurations):%n");
        out.printf("    %-40s %11s %11s %11s %11s %11s %11s%n", "config", "peak RSS", "end RSS", "end arena",
                "end mmap", "end retain", "trimmable");
        for (ReplayResult r : rows) {
            Footprint e = r.end().footprint();
            String label = r.config().length() > 40 ? r.config().substring(0, 37) + "..." : r.config();
            out.printf("    %-40s %11s %11s %11s %11s %11s %11s%n", label, Bytes.human(r.peak().footprint().rssBytes()),
                    Bytes.human(e.rssBytes()), Bytes.human(e.arenaBytes()), Bytes.human(e.mmapBytes()),
                    Bytes.human(Math.max(0, e.rssBytes() - e.requestedLive())), Bytes.human(e.trimmableBytes()));
        }
    }

    static String pct(double share) {
        if (Double.isInfinite(share) || share > 1e6) return ">1e6%";
        return String.format(Locale.ROOT, share == 1 || share == 0 ? "%.0f%%" : "%.2f%%", share * 100);
    }
}
