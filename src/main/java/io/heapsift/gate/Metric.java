package io.heapsift.gate;

import io.heapsift.event.LeakKind;

/**
 * What a limit is put on. Leak metrics are per stack (each stable stack key of each trace on its own); replay
 * metrics are per trace. The ids are the rules-file keys, the flags are {@code --max-<id>}, and they are
 * the rule ids in JUnit and SARIF.
 */
public enum Metric {
    DEFINITE_BYTES("definite-bytes", LeakKind.DEFINITE, true),
    DEFINITE_BLOCKS("definite-blocks", LeakKind.DEFINITE, false),
    INDIRECT_BYTES("indirect-bytes", LeakKind.INDIRECT, true),
    INDIRECT_BLOCKS("indirect-blocks", LeakKind.INDIRECT, false),
    POSSIBLE_BYTES("possible-bytes", LeakKind.POSSIBLE, true),
    POSSIBLE_BLOCKS("possible-blocks", LeakKind.POSSIBLE, false),
    REACHABLE_BYTES("reachable-bytes", LeakKind.REACHABLE, true),
    REACHABLE_BLOCKS("reachable-blocks", LeakKind.REACHABLE, false),
    /** Bytes per second a stack's outstanding memory grows by: the analysis' fitted slope of a stack it labels growing. */
    GROWTH_RATE("growth-rate", null, true),
    /**
     * Replay: bytes the allocator keeps that the program does not hold (RSS estimate − live) at the analysis' worst
     * settled point (before a malloc_trim the program called, or the end).
     */
    RETAINED_BYTES("retained-bytes", null, true),
    /** Replay: the highest estimated heap RSS over the trace. */
    PEAK_BYTES("peak-bytes", null, true);

    private final String id;
    private final LeakKind kind;
    private final boolean bytes;

    Metric(String id, LeakKind kind, boolean bytes) {
        this.id = id;
        this.kind = kind;
        this.bytes = bytes;
    }

    public String id() {
        return id;
    }

    /** The leak kind of a leak metric, else null. */
    public LeakKind kind() {
        return kind;
    }

    /** True for byte counts, false for block counts. */
    public boolean isBytes() {
        return bytes;
    }

    /** True if it needs a replay through the malloc model. */
    public boolean needsReplay() {
        return this == RETAINED_BYTES || this == PEAK_BYTES;
    }

    /** The leak metric for a kind. */
    public static Metric of(LeakKind kind, boolean bytes) {
        for (Metric m : values()) {
            if (m.kind == kind && m.bytes == bytes) return m;
        }
        throw new IllegalArgumentException(String.valueOf(kind));
    }

    /** By rules-file id, or null. */
    public static Metric byId(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) return m;
        }
        return null;
    }
}
