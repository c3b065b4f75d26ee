package io.heapsift.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.heapsift.cli.CliRunner;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Baselines, exit codes, and the machine outputs (SARIF against the official schema, JUnit XML, annotations). */
class GateOutputsTest {

    private static String fx(String rel) {
        return TestFiles.fixture(rel).toString();
    }

    @Test
    void baselineMakesKnownLeaksUnchangedAndANewOneFails(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("baseline.json");
        CliRunner.Result upd = CliRunner.run("gate", "--baseline", base.toString(), "--update-baseline", fx("valgrind/leaky.memcheck.txt"));
        assertThat(upd.exit()).as(upd.err()).isEqualTo(0);
        String json = Files.readString(base);
        assertThat(json).contains("\"leaky.memcheck.txt\"").contains("\"stack\" : \"leaf_alloc ← mid ← leak_small_blocks ← main\"")
                .doesNotContain("0x").doesNotContain("leaky.c").doesNotContain("vgpreload");
        CliRunner.Result same = CliRunner.run("gate", "--baseline", base.toString(), fx("valgrind/leaky.memcheck.txt"));
        assertThat(same.exit()).as(same.out()).isEqualTo(0);
        assertThat(same.out()).contains("baseline: 6 unchanged, 0 new, 0 fixed");
        // forget one known leak: it is new now, and fails
        ObjectMapper om = new ObjectMapper();
        JsonNode root = om.readTree(json);
        var arr = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("traces").path("leaky.memcheck.txt");
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i).path("stack").asText().startsWith("leak_big_block")) arr.remove(i--);
        }
        var extra = arr.addObject();
        extra.put("stack", "gone_function ← main").put("kind", "definite").put("bytes", 8).put("blocks", 1);
        Files.writeString(base, om.writeValueAsString(root));
        CliRunner.Result changed = CliRunner.run("gate", "--baseline", base.toString(), fx("valgrind/leaky.memcheck.txt"));
        assertThat(changed.exit()).isEqualTo(4);
        assertThat(changed.out()).contains("definitely lost bytes at leak_big_block ← main is 1000, but expected maximum is 0, "
                + "and it is new since the baseline").contains("new: leak_big_block ← main (definite, 1000 bytes in 1 blocks)")
                .contains("fixed: gone_function ← main (definite, was 8 bytes in 1 blocks)")
                .doesNotContain("at leaf_alloc");
    }

    @Test
    void failOnIncrease(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("b.json");
        Files.writeString(base, "{\"heapsift\":\"baseline\",\"version\":1,\"traces\":{\"leaky.memleak.txt\":["
                + "{\"stack\":\"leaf_alloc ← mid ← leak_small_blocks ← main\",\"kind\":\"outstanding\",\"bytes\":128,\"blocks\":8}]}}");
        String trace = fx("memleak/leaky.memleak.txt");
        CliRunner.Result r = CliRunner.run("gate", "--baseline", base.toString(), "--fail-on-increase", "50", trace);
        assertThat(r.out()).contains("outstanding (never freed) bytes at leaf_alloc ← mid ← leak_small_blocks ← main is 256, "
                + "but expected maximum is 192 (baseline 128 + 50%)");
        CliRunner.Result loose = CliRunner.run("gate", "--baseline", base.toString(), "--fail-on-increase", "100", trace);
        assertThat(loose.out()).doesNotContain("at leaf_alloc ← mid ← leak_small_blocks ← main is");
    }

    @Test
    void diffComparesTwoRuns(@TempDir Path tmp) throws Exception {
        CliRunner.Result r = CliRunner.run("diff", fx("valgrind/tidy.memcheck.txt"), fx("valgrind/leaky.memcheck.txt"));
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).containsPattern("new +definite +\\+128 bytes in 8 blocks +leaf_alloc ← mid ← leak_small_blocks ← main");
        CliRunner.Result back = CliRunner.run("diff", fx("valgrind/leaky.memcheck.txt"), fx("valgrind/tidy.memcheck.txt"));
        assertThat(back.out()).containsPattern("fixed +definite +-128 bytes");
    }

    @Test
    void unusableInputsFailTheGate(@TempDir Path tmp) throws Exception {
        assertThat(CliRunner.run("gate", tmp.resolve("missing.txt").toString()).exit()).isEqualTo(3);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        CliRunner.Result e = CliRunner.run("gate", empty.toString());
        assertThat(e.exit()).isEqualTo(3);
        assertThat(e.out()).contains("directory has no capture files");
        Path junk = Files.writeString(tmp.resolve("junk.txt"), "hello\nworld\n");
        assertThat(CliRunner.run("gate", junk.toString(), fx("valgrind/tidy.memcheck.txt")).exit()).isEqualTo(3);
        Path cut = Files.writeString(tmp.resolve("cut.memcheck.txt"), Files.readString(TestFiles.fixture("valgrind/tidy.memcheck.txt"))
                .lines().limit(8).reduce("", (a, b) -> a + b + "\n"));
        CliRunner.Result c = CliRunner.run("gate", cut.toString());
        assertThat(c.exit()).as(c.out()).isEqualTo(3);
        assertThat(CliRunner.run("gate", "--max-definite-bytes", "lots", fx("valgrind/tidy.memcheck.txt")).exit()).isEqualTo(2);
        assertThat(CliRunner.run("gate", "--update-baseline", fx("valgrind/tidy.memcheck.txt")).exit()).isEqualTo(2);
    }

    @Test
    void directoriesAreGatedFileByFile(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("traces"));
        Files.copy(TestFiles.fixture("valgrind/tidy.memcheck.txt"), dir.resolve("tidy.memcheck.txt"));
        Files.writeString(dir.resolve("README.md"), "not a trace");
        assertThat(CliRunner.run("gate", dir.toString()).exit()).isEqualTo(0);
        Files.copy(TestFiles.fixture("ltrace/leaky.ltrace.txt"), dir.resolve("leaky.ltrace.txt"));
        CliRunner.Result r = CliRunner.run("gate", dir.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("2 traces, 1 passed, 1 failed");
    }

    @Test
    void rulesFileAndBudgets(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("gate.json");
        Files.writeString(rules, "{ \"limits\": { \"possible-bytes\": \"none\" },\n"
                + "  \"budgets\": [ { \"frame\": \"leak_*\", \"max-bytes\": \"2k\" } ] }");
        CliRunner.Result r = CliRunner.run("gate", "--rules", rules.toString(), fx("valgrind/leaky.memcheck.txt"));
        assertThat(r.exit()).as(r.out()).isEqualTo(0);
        CliRunner.Result tight = CliRunner.run("gate", "--rules", rules.toString(), "--budget", "leak_small*=100",
                fx("valgrind/leaky.memcheck.txt"));
        assertThat(tight.exit()).isEqualTo(4);
        assertThat(tight.out()).contains("leaked bytes at stacks with a frame matching 'leak_small*' is 128, but expected maximum is 100");
        Files.writeString(rules, "{ \"limits\": { \"definite-byte\": 0 } }");
        CliRunner.Result typo = CliRunner.run("gate", "--rules", rules.toString(), fx("valgrind/leaky.memcheck.txt"));
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown limit 'definite-byte'");
    }

    @Test
    void replayLimitsOnPerCallTraces() {
        CliRunner.Result r = CliRunner.run("gate", "--max-definite-bytes", "none", "--max-peak-bytes", "4k",
                "--max-retained-bytes", "1G", fx("valgrind/tidy.tracemalloc.txt"), fx("valgrind/tidy.memcheck.txt"));
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).containsPattern("peak heap RSS estimate \\(glibc malloc model\\) is \\d+, but expected maximum is 4096")
                .contains("not checked: peak-bytes: needs a per-call trace");
    }

    @Test
    void growthRateOnSnapshots() {
        CliRunner.Result r = CliRunner.run("gate", "--max-definite-bytes", "none", "--max-growth-rate", "10k",
                fx("memleak/growth.memleak.txt"));
        assertThat(r.exit()).as(r.out()).isEqualTo(4);
        assertThat(r.out()).containsPattern("growth rate at grow_list ← main is \\d+ bytes/s, but expected maximum is 10240 bytes/s");
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema(@TempDir Path tmp) throws Exception {
        Path sarif = tmp.resolve("gate.sarif");
        CliRunner.Result r = CliRunner.run("gate", "--sarif", sarif.toString(), "--max-peak-bytes", "1k",
                fx("valgrind/leaky.memcheck.txt"), fx("memleak/leaky.memleak.txt"), fx("ltrace/leaky.ltrace.txt"),
                fx("valgrind/tidy.memcheck.txt"), tmp.resolve("missing.txt").toString());
        assertThat(r.exit()).isEqualTo(3);
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode doc = new ObjectMapper().readTree(sarif.toFile());
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).isEmpty();
        JsonNode results = doc.path("runs").get(0).path("results");
        JsonNode leaf = null;
        for (JsonNode res : results) {
            if (res.path("message").path("text").asText().contains("at leaf_alloc") && leaf == null) leaf = res;
        }
        assertThat(leaf).isNotNull();
        assertThat(leaf.path("ruleId").asText()).isEqualTo("definite-bytes");
        assertThat(leaf.path("level").asText()).isEqualTo("error");
        JsonNode loc = leaf.path("locations").get(0);
        assertThat(loc.path("physicalLocation").path("artifactLocation").path("uri").asText()).endsWith("leaky.memcheck.txt");
        assertThat(loc.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(30);
        assertThat(loc.path("logicalLocations").get(0).path("name").asText()).isEqualTo("leaf_alloc");
        assertThat(leaf.path("codeFlows").get(0).path("threadFlows").get(0).path("locations")).hasSize(4);
        assertThat(results.toString()).contains("\"ruleId\":\"input\"").contains("missing.txt");
    }

    @Test
    void junitXmlParses(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("gate.junit.xml");
        CliRunner.run("gate", "--junit", xml.toString(), fx("valgrind/leaky.memcheck.txt"), fx("valgrind/tidy.memcheck.txt"),
                tmp.resolve("missing.txt").toString());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(xml.toFile());
        Element root = d.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(3);
        Element leaky = (Element) suites.item(0);
        assertThat(leaky.getAttribute("failures")).isEqualTo("2");
        NodeList failures = leaky.getElementsByTagName("failure");
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("definitely lost bytes at leak_big_block ← main");
        assertThat(((Element) failures.item(0)).getTextContent()).contains("leaf_alloc ← mid ← leak_small_blocks ← main");
        assertThat(((Element) suites.item(1)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) suites.item(2)).getElementsByTagName("error").getLength()).isEqualTo(1);
    }

    @Test
    void githubAnnotations() {
        CliRunner.Result r = CliRunner.run("gate", "--github", "-q", fx("valgrind/leaky.memcheck.txt"));
        assertThat(r.out()).containsPattern("(?m)^::error file=[^,]*leaky.memcheck.txt,line=30,title=heapsift gate%3A "
                + "definite-bytes::definitely lost bytes at leaf_alloc ← mid ← leak_small_blocks ← main is 128, but expected maximum is 0$");
        assertThat(r.err()).startsWith("heapsift gate: FAILED: 1 trace, 0 passed, 1 failed (4 violations)");
    }
}
