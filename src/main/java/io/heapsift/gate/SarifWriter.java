package io.heapsift.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapsift.event.Frame;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0: one run, the gate's rules as {@code tool.driver.rules}, one result per violation or unusable
 * input. A result's location is the trace file and the line of the leak record or first allocation; the stack
 * is given twice: as {@code logicalLocations} (program frames, innermost first, kind "function") and as a
 * {@code codeFlow} whose steps are the frames, so viewers can walk it. {@code partialFingerprints} carry the
 * stable stack key, so code-scanning services track a leak across builds.
 */
public final class SarifWriter {

    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private final String version;

    public SarifWriter(String version) {
        this.version = version;
    }

    public void write(GateReport r, OutputStream os) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "heapsift");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/heapsift/heapsift/blob/main/docs/gate.md");
        Map<String, Integer> ruleIndex = rules(r, driver.putArray("rules"));
        ArrayNode results = run.putArray("results");
        for (TraceVerdict t : r.traces()) {
            if (t.status() == TraceVerdict.Status.UNUSABLE) {
                ObjectNode res = result(results, "input", ruleIndex, file(t) + ": " + t.error());
                location(res.putArray("locations").addObject(), t, 0);
            }
            for (Violation v : t.violations()) violation(results, ruleIndex, t, v);
        }
        ObjectNode inv = run.putArray("invocations").addObject();
        inv.put("executionSuccessful", true);
        om.writeValue(new NonClosing(os), root);
    }

    private static Map<String, Integer> rules(GateReport r, ArrayNode arr) {
        List<String> ids = new ArrayList<>();
        for (Metric m : Metric.values()) ids.add(m.id());
        ids.add("budget");
        ids.add("fail-on-increase");
        ids.add("input");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String id : ids) {
            index.put(id, index.size());
            ObjectNode rule = arr.addObject();
            rule.put("id", id);
            rule.putObject("shortDescription").put("text", describe(id));
            rule.putObject("defaultConfiguration").put("level", "error");
        }
        return index;
    }

    private static String describe(String id) {
        return switch (id) {
            case "budget" -> "Leaked memory of the stacks a per-stack budget selects";
            case "fail-on-increase" -> "A known (baseline) leak grew more than allowed";
            case "input" -> "A trace that is missing, unreadable or not a known capture format";
            case "growth-rate" -> "Growth rate of a stack's outstanding memory";
            case "retained-bytes" -> "Memory glibc malloc keeps that the program does not hold (model replay)";
            case "peak-bytes" -> "Highest heap RSS estimate (model replay)";
            default -> "Leaked " + id.replace('-', ' ') + " per stack";
        };
    }

    private static ObjectNode result(ArrayNode results, String rule, Map<String, Integer> index, String message) {
        ObjectNode res = results.addObject();
        res.put("ruleId", rule);
        res.put("ruleIndex", index.get(rule));
        res.put("level", "error");
        res.putObject("message").put("text", message);
        return res;
    }

    private static void violation(ArrayNode results, Map<String, Integer> index, TraceVerdict t, Violation v) {
        ObjectNode res = result(results, v.rule(), index, v.message());
        ObjectNode loc = res.putArray("locations").addObject();
        location(loc, t, v.line());
        List<Frame> frames = v.stack().isEmpty() ? List.of() : StackKeys.programFrames(v.stack());
        if (!frames.isEmpty()) {
            ArrayNode logical = loc.putArray("logicalLocations");
            for (Frame f : frames) {
                ObjectNode l = logical.addObject();
                l.put("name", StackKeys.keyName(f));
                l.put("kind", "function");
                if (f.display() != null) l.put("decoratedName", f.display());
            }
            codeFlow(res, t, v, frames);
        }
        if (v.key() != null) res.putObject("partialFingerprints").put("heapsiftStack/v1", t.name() + "|" + v.key());
    }

    private static void codeFlow(ObjectNode res, TraceVerdict t, Violation v, List<Frame> frames) {
        ObjectNode flow = res.putArray("codeFlows").addObject();
        flow.putObject("message").put("text", "allocation stack, innermost frame first");
        ArrayNode steps = flow.putArray("threadFlows").addObject().putArray("locations");
        for (Frame f : frames) {
            ObjectNode step = steps.addObject().putObject("location");
            step.putObject("message").put("text", f.display());
            ObjectNode l = step.putArray("logicalLocations").addObject();
            l.put("name", StackKeys.keyName(f));
            l.put("kind", "function");
        }
    }

    private static void location(ObjectNode loc, TraceVerdict t, long line) {
        ObjectNode phys = loc.putObject("physicalLocation");
        phys.putObject("artifactLocation").put("uri", GateFiles.uri(t.file()));
        if (line > 0) phys.putObject("region").put("startLine", line);
    }

    private static String file(TraceVerdict t) {
        return GateFiles.display(t.file());
    }

    /** Jackson closes the stream it writes to; the caller owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
