package io.heapsift.gate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's rules: limits, budgets, suppression files, baseline. Built from the defaults, then the rules
 * file, then the command line (each later source overrides a limit the earlier one set).
 */
public final class Rules {

    /** No limit (written "none" in files and flags). */
    public static final long NONE = -1;

    private final Map<Metric, Long> limits = new EnumMap<>(Metric.class);
    private final List<Budget> budgets = new ArrayList<>();
    private final List<Path> suppressionFiles = new ArrayList<>();
    private boolean defaultSuppressions = true;
    private Path baseline;
    private Double failOnIncrease;

    /**
     * The defaults: no definitely or possibly lost byte (valgrind's own --errors-for-leak-kinds default is
     * definite,possible); inputs without leak kinds count what is outstanding at the end as definitely lost.
     */
    public static Rules defaults() {
        Rules r = new Rules();
        r.limit(Metric.DEFINITE_BYTES, 0);
        r.limit(Metric.POSSIBLE_BYTES, 0);
        return r;
    }

    /** Sets a limit ({@link #NONE} removes it). */
    public Rules limit(Metric m, long max) {
        if (max < 0) limits.remove(m);
        else limits.put(m, max);
        return this;
    }

    /** The limit on a metric, or null. */
    public Long limit(Metric m) {
        return limits.get(m);
    }

    public Map<Metric, Long> limits() {
        return Collections.unmodifiableMap(limits);
    }

    public Rules budget(Budget b) {
        budgets.add(b);
        return this;
    }

    public List<Budget> budgets() {
        return Collections.unmodifiableList(budgets);
    }

    public Rules suppressionFile(Path p) {
        suppressionFiles.add(p);
        return this;
    }

    public List<Path> suppressionFiles() {
        return Collections.unmodifiableList(suppressionFiles);
    }

    public boolean defaultSuppressions() {
        return defaultSuppressions;
    }

    public Rules defaultSuppressions(boolean on) {
        defaultSuppressions = on;
        return this;
    }

    public Path baseline() {
        return baseline;
    }

    public Rules baseline(Path p) {
        baseline = p;
        return this;
    }

    /** Percent a known leak may grow over its baseline before the gate fails, or null (growth allowed). */
    public Double failOnIncrease() {
        return failOnIncrease;
    }

    public Rules failOnIncrease(Double pct) {
        failOnIncrease = pct;
        return this;
    }

    /** Parses a size: 4096, 64k, 2M, 1G (binary multiples), or "none". */
    public static long parseSize(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("none") || t.equals("off")) return NONE;
        if (t.endsWith("/s")) t = t.substring(0, t.length() - 2);
        if (t.endsWith("ib")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        long mul = 1;
        if (t.endsWith("k")) mul = 1L << 10;
        else if (t.endsWith("m")) mul = 1L << 20;
        else if (t.endsWith("g")) mul = 1L << 30;
        if (mul > 1) t = t.substring(0, t.length() - 1);
        long v;
        try {
            v = Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + s + "' (examples: 0, 4096, 64k, 2M, none)");
        }
        if (v < 0) throw new IllegalArgumentException("a limit cannot be negative: '" + s + "' (use 'none')");
        return Math.multiplyExact(v, mul);
    }
}
