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
}
