package io.heapsift.event;

/** A resident-set-size sample of the traced process (VmRSS), in bytes. */
public record RssSample(long line, long timeNs, long rssBytes) implements TraceEvent {
}
