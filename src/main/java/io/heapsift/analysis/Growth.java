package io.heapsift.analysis;

/**
 * A least-squares line through a stack's outstanding bytes over time, after the warm-up.
 *
 * @param slope      bytes per second ({@code perSecond}) or per event
 * @param r2         coefficient of determination of the fit (1 = a straight line)
 * @param points     points fitted
 * @param fromX      start of the fitted window (seconds or event index)
 * @param toX        end of the fitted window
 * @param grownBytes slope x window: what the line gained over the window
 * @param perSecond  true if x is trace time in seconds
 */
public record Growth(double slope, double r2, int points, double fromX, double toX, long grownBytes,
                     boolean perSecond) {

    /** Fewer points than this say nothing about a trend. */
    static final int MIN_POINTS = 4;
    /** The first share of the window is warm-up (start-up allocations, caches filling) and is not fitted, unless too few points would remain. */
    static final double WARM_UP_SHARE = 0.10;

    /**
     * Fits y over x. Points with y &lt; 0 are missing (a snapshot that did not list the stack). Returns null when
     * there are too few points.
     */
    public static Growth fit(double[] x, long[] y, boolean perSecond) {
        int n = x.length;
        if (n < MIN_POINTS) return null;
        int last = n - 1;
        while (last > 0 && y[last] < 0) last--;
        double x0 = x[0], x1 = x[last];
        double start = x0 + (x1 - x0) * WARM_UP_SHARE;
        int after = 0;
        for (int i = 0; i <= last; i++) if (y[i] >= 0 && x[i] >= start) after++;
        if (after < MIN_POINTS) start = x0; // short series (a few snapshots): keep them all
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        int m = 0;
        double from = Double.NaN;
        for (int i = 0; i <= last; i++) {
            if (y[i] < 0 || x[i] < start) continue;
            if (Double.isNaN(from)) from = x[i];
            double xi = x[i], yi = y[i];
            sx += xi; sy += yi; sxx += xi * xi; sxy += xi * yi; syy += yi * yi;
            m++;
        }
        if (m < MIN_POINTS) return null;
        double vx = sxx - sx * sx / m, vy = syy - sy * sy / m, cov = sxy - sx * sy / m;
        if (vx <= 0) return null;
        double slope = cov / vx;
        double r2 = vy <= 0 ? 0 : (cov * cov) / (vx * vy);
        long grown = Math.round(slope * (x1 - from));
        return new Growth(slope, r2, m, from, x1, grown, perSecond);
    }

    /** The last half of the window is level when its values move by no more than this share of their maximum. */
    static final double LEVEL_WIGGLE = 0.10;
    /** A level tail needs at least this many points (a few snapshots say nothing about the tail). */
    static final int MIN_TAIL_POINTS = 3;

    /**
     * True when the series grew and then stayed level while the stack was still allocating. The window is the
     * stack's active span, from {@code activeFrom} (its first allocation) to {@code activeUntil} (its last one; the
     * first point at or after it closes the window): over the last half of that window (at least
     * {@value #MIN_TAIL_POINTS} points) the values stay within {@value #LEVEL_WIGGLE} of their maximum, and before
     * that they were below half of the level. A cache that fills, then evicts as it inserts, is level while still
     * inserting; a leak rises until its last allocation, whatever the program does afterwards (idles, exits), so
     * growth that merely stopped is never taken for a plateau. Points with y &lt; 0 are missing; points after
     * {@code until} are not looked at.
     */
    public static boolean plateaued(double[] x, long[] y, double activeFrom, double activeUntil, int until) {
        int n = Math.min(Math.min(x.length, y.length), until + 1);
        int first = 0;
        while (first < n && (y[first] < 0 || x[first] < activeFrom)) first++;
        int last = first;
        while (last + 1 < n && x[last] < activeUntil) last++;
        while (last > first && y[last] < 0) last--;
        if (last - first + 1 < MIN_POINTS) return false;
        double mid = x[first] + (x[last] - x[first]) / 2;
        long max = Long.MIN_VALUE, min = Long.MAX_VALUE, before = Long.MAX_VALUE;
        int tail = 0;
        for (int i = first; i <= last; i++) {
            if (y[i] < 0) continue;
            if (x[i] >= mid) {
                max = Math.max(max, y[i]);
                min = Math.min(min, y[i]);
                tail++;
            } else {
                before = Math.min(before, y[i]);
            }
        }
        if (tail < MIN_TAIL_POINTS || max <= 0 || before == Long.MAX_VALUE) return false;
        return max - min <= LEVEL_WIGGLE * max && before < max / 2;
    }
}
