package io.heapsift.report;

import java.util.Locale;

/** Human-readable sizes for terminal output. */
public final class Bytes {
    private Bytes() {
    }

    /** "1.5 MiB", "512 B". */
    public static String human(long bytes) {
        long a = Math.abs(bytes);
        if (a < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Thousands-grouped decimal: "1,234,567". */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
