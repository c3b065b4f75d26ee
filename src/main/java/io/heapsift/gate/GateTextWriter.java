package io.heapsift.gate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The human-readable gate report (stdout) and the one-line summary (stderr). */
public final class GateTextWriter {

    private static final int SHOWN = 20;

    public void write(GateReport r, PrintWriter out) {
        for (TraceVerdict t : r.traces()) trace(t, out);
        hits(r, out);
        out.flush();
    }

    private void trace(TraceVerdict t, PrintWriter out) {
        String where = GateFiles.display(t.file());
        switch (t.status()) {
            case UNUSABLE -> {
                out.println("ERROR " + where + ": " + t.error());
                return;
            }
            case PASS -> out.println("PASS  " + where + " (" + t.format() + ")" + leakCount(t));
            case FAIL -> out.println("FAIL  " + where + " (" + t.format() + "): " + t.violations().size()
                    + (t.violations().size() == 1 ? " violation" : " violations"));
        }
        for (Violation v : t.violations()) out.println("  " + where + (v.line() > 0 ? ":" + v.line() : "") + ": " + v.message());
        if (!t.suppressed().isEmpty()) {
            long bytes = t.suppressed().stream().mapToLong(s -> s.leak().bytes()).sum();
            out.printf(Locale.ROOT, "  suppressed: %d %s, %d bytes%n", t.suppressed().size(),
                    t.suppressed().size() == 1 ? "stack" : "stacks", bytes);
        }
        if (!t.added().isEmpty() || !t.unchanged().isEmpty() || !t.fixed().isEmpty()) {
            out.printf(Locale.ROOT, "  baseline: %d unchanged, %d new, %d fixed%n", t.unchanged().size(),
                    t.added().size(), t.fixed().size());
            list(out, "new", t.added());
            int n = 0;
            for (Baseline.Entry e : t.fixed()) {
                if (n++ == SHOWN) break;
                out.printf(Locale.ROOT, "    fixed: %s (%s, was %d bytes in %d blocks)%n", e.stack(), e.kind(), e.bytes(), e.blocks());
            }
        }
        if (!t.skipped().isEmpty()) {
            // leak-kind limits that an input without kinds cannot have are only listed in JUnit (as skipped)
            t.skipped().forEach((rule, why) -> {
                if (!why.startsWith("the input has no leak kinds")) out.println("  not checked: " + rule + ": " + why);
            });
        }
    }

    private static String leakCount(TraceVerdict t) {
        if (t.leaks().isEmpty()) return "";
        long bytes = t.leaks().stream().mapToLong(Leak::bytes).sum();
        return ": " + t.leaks().size() + " stacks with " + bytes + " bytes within limits";
    }

    private static void list(PrintWriter out, String what, List<Leak> leaks) {
        int n = 0;
        for (Leak l : leaks) {
            if (n++ == SHOWN) break;
            out.printf(Locale.ROOT, "    %s: %s (%s, %d bytes in %d blocks)%n", what, l.display(), l.kindName(), l.bytes(), l.blocks());
        }
    }

    private static void hits(GateReport r, PrintWriter out) {
        Suppressions s = r.suppressions();
        boolean header = false;
        for (Suppression x : s.all()) {
            Suppressions.Hits h = s.hits(x);
            if (h.leaks() == 0) continue;
            if (!header) out.println("suppressions used:");
            header = true;
            out.printf(Locale.ROOT, "  %5d %-6s %8d bytes %6d blocks  %s (%s)%n", h.leaks(), h.leaks() == 1 ? "stack" : "stacks",
                    h.bytes(), h.blocks(), x.name(), x.origin());
        }
        List<Suppression> unused = s.unused();
        if (!unused.isEmpty()) {
            out.println("unused suppressions:");
            for (Suppression x : unused) out.println("  " + x.name() + " (" + x.origin() + ")");
        }
    }

    /** One line for stderr. */
    public static String summary(GateReport r) {
        long pass = r.count(TraceVerdict.Status.PASS), fail = r.count(TraceVerdict.Status.FAIL),
                bad = r.count(TraceVerdict.Status.UNUSABLE);
        String verdict = r.passed() ? "PASSED" : "FAILED";
        StringBuilder sb = new StringBuilder("heapsift gate: ").append(verdict).append(": ")
                .append(r.traces().size()).append(r.traces().size() == 1 ? " trace" : " traces")
                .append(", ").append(pass).append(" passed, ").append(fail).append(" failed (")
                .append(r.violations()).append(r.violations() == 1 ? " violation)" : " violations)");
        if (bad > 0) sb.append(", ").append(bad).append(" unusable");
        long suppressed = r.traces().stream().mapToLong(t -> t.suppressed().size()).sum();
        if (suppressed > 0) sb.append(", ").append(suppressed).append(" suppressed");
        return sb.toString();
    }
}
