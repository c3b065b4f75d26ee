package io.heapsift.replay;

import java.util.Locale;

/**
 * A modelled periodic {@code malloc_trim(0)} (a timer thread, a request hook): every N events, or every period of
 * trace time.
 *
 * @param events every this many events (0 = not by count)
 * @param nanos  every this many nanoseconds of trace time (0 = not by time)
 */
public record TrimSchedule(long events, long nanos) {

    public static final TrimSchedule NEVER = new TrimSchedule(0, 0);

    /**
     * Parses {@code N} (events) or a duration {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 250us},
     * {@code 100ns}; {@code 0}, {@code off} or {@code never} mean no periodic trim.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static TrimSchedule parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("off") || s.equals("never") || s.equals("0")) return NEVER;
        if (s.matches("\\d+")) return new TrimSchedule(positive(Long.parseLong(s), text), 0);
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a number of events or a duration like 10s, 500ms, 1m: '"
                    + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return new TrimSchedule(0, positive(Math.round(v * unit), text));
    }

    private static long positive(long v, String text) {
        if (v <= 0) throw new IllegalArgumentException("the trim period must be positive: '" + text + "'");
        return v;
    }

    public boolean never() {
        return events == 0 && nanos == 0;
    }

    /** These options with this schedule. */
    public ReplayOptions applyTo(ReplayOptions o) {
        return nanos > 0 ? o.withTrimEveryNs(nanos) : o.withTrimEveryEvents(events);
    }

    @Override
    public String toString() {
        if (never()) return "never";
        if (events > 0) return events + " events";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        return nanos + "ns";
    }
}
