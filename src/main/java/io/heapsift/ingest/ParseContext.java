package io.heapsift.ingest;

import io.heapsift.event.Stacks;
import io.heapsift.event.TraceEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a format's parser writes to: the event sink (events are counted), the diagnostics, the
 * stack interner, and facts about the capture it discovers while parsing (refined format id,
 * variant, tool version, command line).
 */
public final class ParseContext {

    private final EventSink sink;
    private final Diagnostics diagnostics;
    private final Stacks stacks;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private String formatId;
    private String variant;
    private long events;

    public ParseContext(String formatId, EventSink sink, Diagnostics diagnostics, Stacks stacks) {
        this.formatId = formatId;
        this.sink = sink;
        this.diagnostics = diagnostics;
        this.stacks = stacks;
    }

    /** Pushes one event downstream. */
    public void emit(TraceEvent e) {
        events++;
        sink.accept(e);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public Stacks stacks() {
        return stacks;
    }

    public long events() {
        return events;
    }

    /** The format id, possibly refined by the parser (e.g. valgrind text that turns out to be --trace-malloc). */
    public String formatId() {
        return formatId;
    }

    public void formatId(String id) {
        this.formatId = id;
    }

    /** Finer description of the capture mode ("snapshots -a", "libbpf-tools", "protocol 4", "-f -tt"). */
    public String variant() {
        return variant;
    }

    public void variant(String v) {
        this.variant = v;
    }

    /** Records a fact about the capture ("tool" → "valgrind-3.19.0", "command" → "./leak 1"). */
    public void fact(String key, String value) {
        if (value != null) facts.put(key, value);
    }

    public Map<String, String> facts() {
        return facts;
    }
}
