package io.heapsift.event;

/**
 * The traced process ended.
 *
 * @param status exit status, or -1 when killed by a signal
 * @param signal signal name ("SIGSEGV") when killed, else null
 */
public record ProcessExit(long line, long timeNs, int pid, int status, String signal) implements TraceEvent {
}
