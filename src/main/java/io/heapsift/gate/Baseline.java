package io.heapsift.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Known leaks per trace, keyed by stable stack key and kind, stored as JSON (docs/gate.md):
 * <pre>
 * { "heapsift": "baseline", "version": 1,
 *   "traces": { "leaky.memcheck.txt": [ { "stack": "leaf_alloc ← mid ← leak_small_blocks ← main",
 *                                         "kind": "definite", "bytes": 128, "blocks": 8 } ] } }
 * </pre>
 * Traces are named by file name, so the same test's capture matches across builds and machines.
 */
public final class Baseline {

    /** One known leak. */
    public record Entry(String stack, String kind, long bytes, long blocks) {
        public String id() {
            return stack + "\u0000" + kind;
        }
    }

    private final Map<String, Map<String, Entry>> traces = new TreeMap<>();

    /** An empty baseline. */
    public Baseline() {
    }

    /** The entries of one trace (by {@link Entry#id()}), or null if the baseline does not know the trace. */
    public Map<String, Entry> trace(String name) {
        Map<String, Entry> m = traces.get(name);
        return m == null ? null : Collections.unmodifiableMap(m);
    }

    public java.util.Set<String> traceNames() {
        return Collections.unmodifiableSet(traces.keySet());
    }

    /** Replaces one trace's entries with these leaks. */
    public void put(String traceName, List<Leak> leaks) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Leak l : leaks) {
            Entry e = new Entry(l.key(), l.kindName(), l.bytes(), l.blocks());
            m.merge(e.id(), e, (a, b) -> new Entry(a.stack(), a.kind(), a.bytes() + b.bytes(), a.blocks() + b.blocks()));
        }
        traces.put(traceName, m);
    }

    /** True if the file is a heapsift baseline (used by {@code heapsift diff}). */
    public static boolean looksLikeBaseline(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(200);
            String s = new String(head, StandardCharsets.UTF_8);
            return s.stripLeading().startsWith("{") && s.contains("\"heapsift\"") && s.contains("baseline");
        } catch (IOException e) {
            return false;
        }
    }

    public static Baseline read(Path file) throws GateConfigException {
        Baseline b = new Baseline();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GateConfigException(file + ": cannot read baseline: " + e.getMessage());
        }
        if (root == null || !"baseline".equals(root.path("heapsift").asText()) || root.path("version").asInt() != 1) {
            throw new GateConfigException(file + ": not a heapsift baseline (version 1); make one with --update-baseline");
        }
        for (var it = root.path("traces").fields(); it.hasNext(); ) {
            var t = it.next();
            Map<String, Entry> m = new LinkedHashMap<>();
            for (JsonNode e : t.getValue()) {
                Entry en = new Entry(e.path("stack").asText(), e.path("kind").asText("definite"),
                        e.path("bytes").asLong(), e.path("blocks").asLong());
                m.put(en.id(), en);
            }
            b.traces.put(t.getKey(), m);
        }
        return b;
    }

    public void write(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("heapsift", "baseline");
        root.put("version", 1);
        ObjectNode ts = root.putObject("traces");
        for (var t : traces.entrySet()) {
            ArrayNode arr = ts.putArray(t.getKey());
            List<Entry> sorted = new ArrayList<>(t.getValue().values());
            sorted.sort((x, y) -> x.stack().equals(y.stack()) ? x.kind().compareTo(y.kind()) : x.stack().compareTo(y.stack()));
            for (Entry e : sorted) {
                ObjectNode o = arr.addObject();
                o.put("stack", e.stack());
                o.put("kind", e.kind());
                o.put("bytes", e.bytes());
                o.put("blocks", e.blocks());
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, om.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
}
