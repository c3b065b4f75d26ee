package io.heapsift.gate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rules file (JSON; see docs/gate.md), e.g. {@code .heapsift-gate.json}:
 * <pre>
 * {
 *   "limits": { "definite-bytes": 0, "possible-bytes": "none", "growth-rate": "4k", "retained-bytes": "8M" },
 *   "budgets": [ { "frame": "cache_*", "max-bytes": "64k", "max-blocks": 100 } ],
 *   "suppressions": [ "ci/leaks.supp", "ci/lsan.txt" ],
 *   "default-suppressions": true,
 *   "baseline": "ci/heapsift-baseline.json",
 *   "fail-on-increase": 10
 * }
 * </pre>
 * Paths are relative to the rules file. Unknown keys are errors (a typo must not loosen the gate).
 */
public final class RulesFile {

    private static final Set<String> TOP = Set.of("limits", "budgets", "suppressions", "default-suppressions",
            "baseline", "fail-on-increase", "$comment");

    private RulesFile() {
    }

    /** Applies the file's settings to {@code rules}. */
    public static void apply(Path file, Rules rules) throws GateConfigException {
        String name = file.toString();
        JsonNode root;
        try {
            ObjectMapper om = new ObjectMapper();
            om.enable(JsonParser.Feature.ALLOW_COMMENTS);
            root = om.readTree(Files.readString(file));
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            throw new GateConfigException(name, l.getLineNr(), l.getColumnNr(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GateConfigException(name + ": cannot read rules: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new GateConfigException(name + ": a rules file is one JSON object");
        Path dir = file.toAbsolutePath().getParent();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!TOP.contains(e.getKey())) throw bad(name, "unknown key '" + e.getKey() + "' (known: " + TOP + ")");
        }
        limits(root.path("limits"), rules, name);
        for (JsonNode b : root.path("budgets")) budget(b, rules, name);
        for (JsonNode s : root.path("suppressions")) rules.suppressionFile(dir.resolve(s.asText()));
        if (root.has("default-suppressions")) rules.defaultSuppressions(root.get("default-suppressions").asBoolean(true));
        if (root.hasNonNull("baseline")) rules.baseline(dir.resolve(root.get("baseline").asText()));
        if (root.hasNonNull("fail-on-increase")) rules.failOnIncrease(root.get("fail-on-increase").asDouble());
    }

    private static void limits(JsonNode limits, Rules rules, String name) throws GateConfigException {
        if (limits.isMissingNode()) return;
        if (!limits.isObject()) throw bad(name, "\"limits\" must be an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Metric m = Metric.byId(e.getKey());
            if (m == null) throw bad(name, "unknown limit '" + e.getKey() + "' (known: " + ids() + ")");
            rules.limit(m, size(e.getValue(), name, e.getKey()));
        }
    }

    private static void budget(JsonNode b, Rules rules, String name) throws GateConfigException {
        if (!b.hasNonNull("frame")) throw bad(name, "a budget needs \"frame\" (a function pattern)");
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("frame", "max-bytes", "max-blocks").contains(k)) throw bad(name, "unknown budget key '" + k + "'");
        }
        Long bytes = b.has("max-bytes") ? nullable(size(b.get("max-bytes"), name, "max-bytes")) : null;
        Long blocks = b.has("max-blocks") ? nullable(size(b.get("max-blocks"), name, "max-blocks")) : null;
        rules.budget(Budget.of(b.get("frame").asText(), bytes, blocks));
    }

    private static Long nullable(long v) {
        return v < 0 ? null : v;
    }

    private static long size(JsonNode v, String name, String key) throws GateConfigException {
        try {
            if (v.isNull()) return Rules.NONE;
            return v.isNumber() ? Rules.parseSize(Long.toString(v.asLong())) : Rules.parseSize(v.asText());
        } catch (IllegalArgumentException e) {
            throw bad(name, key + ": " + e.getMessage());
        }
    }

    private static String ids() {
        StringBuilder sb = new StringBuilder();
        for (Metric m : Metric.values()) sb.append(sb.length() == 0 ? "" : ", ").append(m.id());
        return sb.toString();
    }

    private static GateConfigException bad(String name, String msg) {
        return new GateConfigException(name + ": " + msg);
    }
}
