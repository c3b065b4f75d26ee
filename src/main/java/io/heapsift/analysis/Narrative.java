package io.heapsift.analysis;

import io.heapsift.replay.Pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the evidence paragraph and the advice for a verdict. Numbers only; no decisions here. */
final class Narrative {

    private final AnalysisInput in;
    private final List<Suspect> suspects;
    private final long leaked, leakedBlocks;
    private final boolean wholeRun;
    private final Retention retention;
    private final Plateau plateau;
    private final List<WhatIf> whatIf;

    Narrative(AnalysisInput in, List<Suspect> suspects, long leaked, long leakedBlocks, boolean wholeRun,
              Retention retention, Plateau plateau, List<WhatIf> whatIf) {
        this.in = in;
        this.suspects = suspects;
        this.leaked = leaked;
        this.leakedBlocks = leakedBlocks;
        this.wholeRun = wholeRun;
        this.retention = retention;
        this.plateau = plateau;
        this.whatIf = whatIf;
    }

    String severity(Verdict v) {
        return switch (v) {
            case GROWTH -> "high";
            case LEAK -> leaked >= 1 << 20 ? "high" : leaked >= 64 << 10 ? "medium" : "low";
            case FRAGMENTATION -> retention.retainedBytes() >= 64L << 20 ? "high"
                    : retention.retainedBytes() >= 4L << 20 ? "medium" : "low";
            case CLEAN -> "none";
        };
    }

    String evidence(Verdict v) {
        StringBuilder sb = new StringBuilder();
        switch (v) {
            case GROWTH -> growthEvidence(sb);
            case LEAK -> leakEvidence(sb);
            case FRAGMENTATION -> retentionEvidence(sb);
            case CLEAN -> cleanEvidence(sb);
        }
        if (v != Verdict.LEAK && v != Verdict.GROWTH && leaked > 0) {
            sb.append(String.format(Locale.ROOT, " Also %s in %,d blocks never freed (small next to the above).",
                    Sizes.bytes(leaked), leakedBlocks));
        }
        caveats(sb);
        return sb.toString().trim();
    }

    /** Frees of unseen addresses above this share of all frees are worth a word. */
    static final double LOST_SHARE = 0.05;

    /** What the capture could not show: said with the verdict, so that nobody reads more into it than it holds. */
    private void caveats(StringBuilder sb) {
        var mode = in.table().mode();
        String killed = in.series() == null ? null : in.series().killedBy();
        if (killed != null) {
            sb.append(" The program was killed by ").append(killed).append(": blocks live at the crash never had the "
                    + "chance to be freed, so never-freed counts include whatever was in use at that moment.");
        }
        if (in.replay() == null && mode != io.heapsift.table.TableMode.EMPTY) {
            sb.append(" This capture has no per-call events, so memory held by the allocator (fragmentation, "
                    + "retention) is not judged: capture with heapsift's bpftrace script or ltrace to see it.");
        }
        if (in.replay() != null) {
            var inc = in.replay().incomplete();
            long frees = in.replay().counts().frees();
            if (inc.reusedLive() > 0) {
                sb.append(String.format(Locale.ROOT, " The capture lost frees: %,d addresses were handed out again while "
                        + "still live, so some never-freed blocks may be frees it missed.", inc.reusedLive()));
            }
            if (inc.unexplainedFrees() > Math.max(10, frees * LOST_SHARE)) {
                sb.append(String.format(Locale.ROOT, " %s of the frees (%,d) were of addresses the capture never showed "
                        + "allocated: it missed allocations (lost events, a late start, or calls it does not trace).",
                        Sizes.percent((double) inc.unexplainedFrees() / Math.max(1, frees)), inc.unexplainedFrees()));
            }
        }
    }

    private void growthEvidence(StringBuilder sb) {
        List<Suspect> g = suspects.stream().filter(s -> s.label() == Label.GROWING).toList();
        Suspect top = g.get(0);
        Growth gr = top.growth();
        sb.append(String.format(Locale.ROOT, "Outstanding memory of %s grew steadily: %s over %s (R² %.2f), %s in %,d "
                        + "blocks at the end", Analyzer.where(top.stack()), rate(gr), span(gr), gr.r2(),
                Sizes.bytes(top.bytes()), top.blocks()));
        if (top.bytes() > 0 && wholeRun) sb.append(", never freed before the process ended");
        sb.append('.');
        if (g.size() > 1) sb.append(String.format(Locale.ROOT, " %d more stacks grow too.", g.size() - 1));
        if (top.bytes() == 0) sb.append(" It was freed only at the end: growth during the run, not a leak at exit.");
    }

    private void leakEvidence(StringBuilder sb) {
        List<Suspect> p = suspects.stream().filter(s -> s.label().isProblem()).toList();
        boolean valgrind = in.table().mode() == io.heapsift.table.TableMode.LEAK_REPORT;
        if (valgrind) {
            sb.append(String.format(Locale.ROOT, "valgrind found %s lost in %,d blocks", Sizes.bytes(leaked),
                    leakedBlocks));
        } else {
            sb.append(String.format(Locale.ROOT, "%s in %,d blocks %s", Sizes.bytes(leaked), leakedBlocks,
                    wholeRun ? "were never freed before the process ended" : "were still outstanding at the end of the capture"));
        }
        if (p.size() == 1 && p.get(0).stack().frames().isEmpty()) {
            sb.append(String.format(Locale.ROOT, " (%s; the capture has no call stacks)", p.get(0).label().text()));
        } else if (!p.isEmpty()) {
            sb.append(String.format(Locale.ROOT, " from %d stack%s; largest: %s (%s, %s in %,d block%s)", p.size(),
                    p.size() == 1 ? "" : "s", Analyzer.where(p.get(0).stack()), p.get(0).label().text(),
                    Sizes.bytes(p.get(0).bytes() + p.get(0).indirectBytes()), p.get(0).blocks(),
                    p.get(0).blocks() == 1 ? "" : "s"));
        }
        sb.append('.');
        if (leaked < 64 << 10) sb.append(" A small leak: it matters if the code runs repeatedly.");
        long oneOff = sum(Label.ONE_OFF) + sum(Label.RUNTIME) + sum(Label.REACHABLE);
        if (oneOff > 0) sb.append(String.format(Locale.ROOT,
                " Not counted: %s of one-off, runtime or still-reachable blocks.", Sizes.bytes(oneOff)));
        long level = sum(Label.PLATEAU);
        if (level > 0) sb.append(String.format(Locale.ROOT, " Not counted either: %s from stacks that grew and then "
                + "stayed level (a cache or pool at its size).", Sizes.bytes(level)));
    }

    private void retentionEvidence(StringBuilder sb) {
        Retention r = retention;
        sb.append(String.format(Locale.ROOT, "%s, the heap held %s resident for %s live: %s (%s) freed but kept by "
                        + "malloc", cap(r.where()), Sizes.bytes(r.rssBytes()), Sizes.bytes(r.liveBytes()),
                Sizes.bytes(r.retainedBytes()), Sizes.percent(r.ratio())));
        List<String> parts = new ArrayList<>();
        if (r.binnedBytes() > 0) parts.add(Sizes.bytes(r.binnedBytes()) + " in free holes below in-use chunks");
        if (r.topBytes() > 0) parts.add(Sizes.bytes(r.topBytes()) + " in top chunks"
                + (r.arenas() > 1 ? " of " + r.arenas() + " arenas" : ""));
        if (!parts.isEmpty()) sb.append(": ").append(String.join(", ", parts));
        sb.append('.');
        if (r.trimReleased() > 0) sb.append(String.format(Locale.ROOT, " The program's own malloc_trim then gave back %s.",
                Sizes.bytes(r.trimReleased())));
        Pinning.Row pin = topPinner();
        if (pin != null) sb.append(String.format(Locale.ROOT, " At the end, %s of free heap (resident or not) sits below %s.",
                Sizes.bytes(pin.blockedBytes()), pinnerName(pin)));
    }

    private void cleanEvidence(StringBuilder sb) {
        long live = in.table().liveBytes();
        if (in.table().mode() == io.heapsift.table.TableMode.EMPTY) {
            sb.append("The capture holds no allocation data: nothing to judge.");
        } else if (live == 0 && suspects.isEmpty()) {
            sb.append(wholeRun || in.table().mode() == io.heapsift.table.TableMode.LEAK_REPORT
                    ? "Every block was freed." : "Nothing was outstanding at the end of the capture.");
        } else {
            long oneOff = sum(Label.ONE_OFF), runtime = sum(Label.RUNTIME), reach = sum(Label.REACHABLE);
            List<String> parts = new ArrayList<>();
            if (oneOff > 0) parts.add(String.format(Locale.ROOT, "%s in %,d one-off block%s (allocated once and kept to "
                    + "the end; a trace cannot tell lost from still reachable, valgrind can)", Sizes.bytes(oneOff),
                    count(Label.ONE_OFF), count(Label.ONE_OFF) == 1 ? "" : "s"));
            long level = sum(Label.PLATEAU);
            if (level > 0) parts.add(String.format(Locale.ROOT, "%s from %d stack%s that grew and then stayed level "
                    + "for the second half of the trace (a cache or pool at its size; growth that stopped)",
                    Sizes.bytes(level), stacks(Label.PLATEAU), stacks(Label.PLATEAU) == 1 ? "" : "s"));
            if (runtime > 0) parts.add(Sizes.bytes(runtime) + " of the C/C++ runtime's own one-time blocks");
            if (reach > 0) parts.add(Sizes.bytes(reach) + " still reachable at exit");
            sb.append("No recurring leak: ").append(parts.isEmpty() ? "nothing of note outstanding" : String.join(", ", parts))
                    .append(" — they do not accumulate.");
        }
        if (plateau != null) {
            sb.append(String.format(Locale.ROOT, " No growth: the heap footprint stopped growing after %s at %s "
                    + "(allocator warm-up).", Sizes.at(plateau.atX(), plateau.perSecond()),
                    Sizes.bytes(plateau.footprintBytes())));
        }
        if (retention != null && retention.retainedBytes() > 0) {
            sb.append(String.format(Locale.ROOT, " Heap retention is normal: at most %s (%s) kept beyond live memory.",
                    Sizes.bytes(retention.retainedBytes()), Sizes.percent(retention.ratio())));
        }
    }

    List<String> advice(Verdict v) {
        List<String> out = new ArrayList<>();
        switch (v) {
            case GROWTH -> {
                for (Suspect s : suspects) {
                    if (s.label() != Label.GROWING || out.size() >= 3) continue;
                    Growth g = s.growth();
                    String perHour = g.perSecond() ? " (" + Sizes.bytes(Math.round(g.slope() * 3600)) + " per hour)" : "";
                    out.add(String.format(Locale.ROOT, "stack %s leaks %s%s: find where these blocks should be freed.",
                            Analyzer.where(s.stack()), rate(g), perHour));
                }
            }
            case LEAK -> {
                for (Suspect s : suspects) {
                    if (!s.label().isProblem() || out.size() >= 3) continue;
                    if (s.stack().frames().isEmpty()) {
                        out.add("capture again with call stacks (heapsift capture-script, ltrace -w N, valgrind) to see "
                                + "where the never-freed blocks come from");
                        continue;
                    }
                    out.add(String.format(Locale.ROOT, "free what %s allocates (%s, %s in %,d block%s)",
                            Analyzer.where(s.stack()), s.label().text(), Sizes.bytes(s.bytes() + s.indirectBytes()),
                            s.blocks(), s.blocks() == 1 ? "" : "s"));
                }
            }
            case FRAGMENTATION -> fragmentationAdvice(out);
            case CLEAN -> {
                if (plateau != null) out.add(String.format(Locale.ROOT, "no leak: growth stopped after %s at %s",
                        Sizes.at(plateau.atX(), plateau.perSecond()), Sizes.bytes(plateau.footprintBytes())));
                else out.add("nothing to do");
            }
        }
        return out;
    }

    private void fragmentationAdvice(List<String> out) {
        for (WhatIf w : whatIf) {
            if (w.meanSaved() <= 0 && w.endRssBytes() >= w.baseEndRss()) continue;
            String what = w.config().startsWith("trim_every=")
                    ? "malloc_trim(0) every " + w.config().substring("trim_every=".length())
                    : w.config().startsWith("arena_max=") ? "MALLOC_ARENA_MAX=" + w.config().substring("arena_max=".length())
                    : w.config();
            if (w.meanSaved() > 0) {
                out.add(String.format(Locale.ROOT, "%s would save %s of heap RSS on average (%s → %s; at the end %s → %s)",
                        what, Sizes.bytes(w.meanSaved()), Sizes.bytes(w.baseMeanRss()), Sizes.bytes(w.meanRssBytes()),
                        Sizes.bytes(w.baseEndRss()), Sizes.bytes(w.endRssBytes())));
            } else {
                out.add(String.format(Locale.ROOT, "%s would return %s at the end (heap RSS %s → %s; mean %s → %s)",
                        what, Sizes.bytes(w.baseEndRss() - w.endRssBytes()), Sizes.bytes(w.baseEndRss()),
                        Sizes.bytes(w.endRssBytes()), Sizes.bytes(w.baseMeanRss()), Sizes.bytes(w.meanRssBytes())));
            }
        }
        Pinning.Row pin = topPinner();
        if (pin != null && pin.kind() == Pinning.Kind.LIVE) {
            out.add(String.format(Locale.ROOT, "%s keeps %s of free memory from going back: allocate such long-lived "
                    + "blocks before the bulk (or from their own pool)", pinnerName(pin), Sizes.bytes(pin.blockedBytes())));
        }
        if (retention.binnedBytes() > retention.topBytes()) {
            out.add(String.format(Locale.ROOT, "malloc_trim(0) at that point would return up to %s of the holes",
                    Sizes.bytes(retention.binnedBytes())));
        }
        if (out.isEmpty()) out.add(String.format(Locale.ROOT, "%s is held by the allocator; try malloc_trim(0) after "
                + "large frees, or fewer arenas (MALLOC_ARENA_MAX)", Sizes.bytes(retention.retainedBytes())));
    }

    private Pinning.Row topPinner() {
        if (retention == null || retention.pinning() == null) return null;
        for (Pinning.Row row : retention.pinning().stacks()) {
            if (row.blockedBytes() >= Analyzer.RETAIN_FLOOR) return row;
        }
        return null;
    }

    private static String pinnerName(Pinning.Row row) {
        return switch (row.kind()) {
            case LIVE -> "a live block from " + Analyzer.where(row.stack());
            case TCACHE -> "freed blocks parked in a tcache";
            case INTERNAL -> "the allocator's own blocks";
        };
    }

    private long count(Label l) {
        return suspects.stream().filter(s -> s.label() == l).mapToLong(Suspect::blocks).sum();
    }

    private long stacks(Label l) {
        return suspects.stream().filter(s -> s.label() == l).count();
    }

    private long sum(Label l) {
        return suspects.stream().filter(s -> s.label() == l).mapToLong(s -> s.bytes() + s.indirectBytes()).sum();
    }

    private static String rate(Growth g) {
        return g.perSecond() ? Sizes.rate(g.slope())
                : String.format(Locale.ROOT, "%s per 1,000 events", Sizes.bytes(Math.round(g.slope() * 1000)));
    }

    private static String span(Growth g) {
        return g.perSecond() ? Sizes.seconds(g.toX() - g.fromX())
                : String.format(Locale.ROOT, "%,d events", (long) (g.toX() - g.fromX()));
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
