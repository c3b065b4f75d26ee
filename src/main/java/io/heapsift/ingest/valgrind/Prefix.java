package io.heapsift.ingest.valgrind;

import io.heapsift.event.TraceEvent;

/**
 * The part of a line before the message: {@code ==PID== }, {@code --PID-- }, {@code **PID** } (optionally
 * with a {@code --time-stamp=yes} stamp {@code DD:HH:MM:SS.mmm } and leading {@code >} per nesting level)
 * or {@code valgrind: }. Lines of the regression-test dialect have none ({@link Kind#NONE}).
 *
 * @param timeNs elapsed time since valgrind started, or {@link TraceEvent#NO_TIME}
 * @param key    identifies the process: the PID, made distinct per nesting level
 */
record Prefix(Kind kind, long pid, long timeNs, long key) {

    /** Which kind of message the marker says this is. */
    enum Kind {
        /** {@code ==PID==}: errors, loss records, summaries. */
        USER,
        /** {@code --PID--}: trace-malloc lines and -v chatter. */
        DEBUG,
        /** {@code **PID**}: client requests (VALGRIND_PRINTF) and valgrind's aborting messages. */
        CLIENT,
        /** {@code valgrind: }: fatal messages, no PID. */
        FATAL,
        /** No prefix (regression-test .exp files, or a line that is not valgrind's). */
        NONE
    }

    static final Prefix NONE = new Prefix(Kind.NONE, 0, TraceEvent.NO_TIME, 0);
    static final Prefix FATAL = new Prefix(Kind.FATAL, 0, TraceEvent.NO_TIME, 0);

    /** Decodes a PREFIX token the lexer already validated, e.g. {@code >==00:00:00:00.465 15161== }. */
    static Prefix parse(String token) {
        int i = 0;
        while (token.charAt(i) == '>') i++;
        int nest = i;
        Kind kind = switch (token.charAt(i)) {
            case '=' -> Kind.USER;
            case '-' -> Kind.DEBUG;
            default -> Kind.CLIENT;
        };
        i += 2;
        long time = TraceEvent.NO_TIME;
        if (token.length() > i + 16 && token.charAt(i + 2) == ':' && token.charAt(i + 15) == ' ') {
            time = stamp(token, i);
            i += 16;
        }
        int end = i;
        while (end < token.length() && Character.isDigit(token.charAt(end))) end++;
        long pid = Numbers.decimal(token.substring(i, end), i + 1);
        return new Prefix(kind, pid, time, pid * 64 + nest);
    }

    /** {@code DD:HH:MM:SS.mmm} → nanoseconds. */
    private static long stamp(String t, int i) {
        long days = two(t, i), hours = two(t, i + 3), minutes = two(t, i + 6), seconds = two(t, i + 9);
        long millis = (t.charAt(i + 12) - '0') * 100L + (t.charAt(i + 13) - '0') * 10L + (t.charAt(i + 14) - '0');
        long totalMs = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + millis;
        return totalMs * 1_000_000L;
    }

    private static long two(String t, int i) {
        return (t.charAt(i) - '0') * 10L + (t.charAt(i + 1) - '0');
    }

    boolean isTraceCapable() {
        return kind == Kind.DEBUG || kind == Kind.NONE;
    }
}
