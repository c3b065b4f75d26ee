package io.heapsift.analysis;

import java.util.Locale;

/** Human sizes and durations for evidence and advice text. */
final class Sizes {
    private Sizes() {
    }

    static String bytes(long b) {
        long a = Math.abs(b);
        if (a < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String rate(double bytesPerSecond) {
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    static String seconds(double s) {
        if (s < 1) return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", s);
        if (s < 7200) return String.format(Locale.ROOT, "%.1f min", s / 60);
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    static String at(double x, boolean perSecond) {
        return perSecond ? seconds(x) : String.format(Locale.ROOT, "event %,d", (long) x);
    }

    static String percent(double r) {
        return String.format(Locale.ROOT, "%.0f%%", r * 100);
    }
}
