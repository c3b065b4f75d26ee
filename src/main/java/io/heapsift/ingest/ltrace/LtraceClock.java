package io.heapsift.ingest.ltrace;

import io.heapsift.event.TraceEvent;

/**
 * Turns the time prefixes into nanoseconds on one clock per trace:
 * <ul>
 *   <li>{@code -t} {@code HH:MM:SS} and {@code -tt} {@code HH:MM:SS.uuuuuu}: nanoseconds since the
 *       midnight of the first line; a step back of more than 12 h is taken as midnight passing
 *       (a day is added from then on), a step forward of more than 12 h as a line printed just
 *       before a midnight already passed (threads interleave);</li>
 *   <li>{@code -ttt} {@code EPOCH.uuuuuu}: epoch nanoseconds;</li>
 *   <li>{@code -r} {@code   S.uuuuuu}: the delta since the previous line, accumulated from 0.</li>
 * </ul>
 * With {@code -r} and {@code -t*} together the absolute time wins (the deltas are still summed).
 * A single decimal number is a {@code -ttt} epoch when it is at least 10^8 s (1973), else a
 * {@code -r} delta: no delta between two lines is three years long.
 */
final class LtraceClock {

    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;
    private static final long HALF_DAY = DAY / 2;
    private static final long EPOCH_MIN_SECONDS = 100_000_000L;

    private long relative;
    private long dayOffset;
    private long lastClock = Long.MIN_VALUE;
    private boolean sawRelative, sawClock, sawEpoch, sawMicros;

    /** Time of a line with these prefix tokens (either may be null), or {@link TraceEvent#NO_TIME}. */
    long time(String time1, String time2) {
        if (time1 == null) return TraceEvent.NO_TIME;
        if (time2 != null) {
            addDelta(time1);
            return absolute(time2);
        }
        if (isClock(time1)) return clock(time1);
        long ns = decimal(time1);
        if (ns == TraceEvent.NO_TIME) return ns;
        if (ns / SECOND >= EPOCH_MIN_SECONDS) {
            sawEpoch = true;
            return ns;
        }
        sawRelative = true;
        relative += ns;
        return relative;
    }

    private void addDelta(String t) {
        long ns = decimal(t);
        if (ns != TraceEvent.NO_TIME) {
            sawRelative = true;
            relative += ns;
        }
    }

    private long absolute(String t) {
        if (isClock(t)) return clock(t);
        long ns = decimal(t);
        if (ns != TraceEvent.NO_TIME) sawEpoch = true;
        return ns;
    }

    private static boolean isClock(String t) {
        return t.length() >= 8 && t.charAt(2) == ':';
    }

    private long clock(String t) {
        int h = (t.charAt(0) - '0') * 10 + t.charAt(1) - '0';
        int m = (t.charAt(3) - '0') * 10 + t.charAt(4) - '0';
        int s = (t.charAt(6) - '0') * 10 + t.charAt(7) - '0';
        if (h > 23 || m > 59 || s > 60) return TraceEvent.NO_TIME;
        long ns = (h * 3600L + m * 60L + s) * SECOND;
        if (t.length() > 9) {
            sawMicros = true;
            ns += fraction(t, 9);
        }
        sawClock = true;
        long candidate = ns + dayOffset;
        if (lastClock != Long.MIN_VALUE) {
            if (candidate < lastClock - HALF_DAY) {
                dayOffset += DAY;
                candidate += DAY;
            } else if (candidate > lastClock + HALF_DAY && dayOffset >= DAY) {
                return candidate - DAY;
            }
        }
        lastClock = candidate;
        return candidate;
    }

    /** "S.uuuuuu" as nanoseconds, or NO_TIME if it does not fit. */
    private static long decimal(String t) {
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        if (whole.length() > 10) return TraceEvent.NO_TIME;
        long s = Long.parseLong(whole);
        return s * SECOND + (dot < 0 ? 0 : fraction(t, dot + 1));
    }

    /** Digits after the dot as nanoseconds (more than 9 digits are cut). */
    private static long fraction(String t, int from) {
        long ns = 0;
        int digits = 0;
        for (int i = from; i < t.length() && digits < 9; i++, digits++) ns = ns * 10 + (t.charAt(i) - '0');
        for (; digits < 9; digits++) ns *= 10;
        return ns;
    }

    /** The ltrace options the prefixes showed ("-tt", "-ttt -r", ...), or "" when none. */
    String options() {
        StringBuilder sb = new StringBuilder();
        if (sawClock) sb.append(sawMicros ? "-tt" : "-t");
        if (sawEpoch) sb.append(sb.length() > 0 ? " " : "").append("-ttt");
        if (sawRelative) sb.append(sb.length() > 0 ? " " : "").append("-r");
        return sb.toString();
    }
}
