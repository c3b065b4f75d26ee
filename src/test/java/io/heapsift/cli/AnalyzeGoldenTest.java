package io.heapsift.cli;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.analysis.Verdict;
import io.heapsift.report.AnalysisTextWriter;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict of every capture in fixtures/ (programs and allocator workloads), reviewed by hand in
 * {@code golden/analysis/verdicts.tsv}, and the full text report of each as a golden file
 * (rewrite with {@code -Dgolden.update=true} after checking the diff).
 */
class AnalyzeGoldenTest {

    static final List<String> FOLDERS = List.of("bpftrace", "ltrace", "memleak", "memleak-libbpf", "valgrind",
            "compressed", "workloads", "tester");

    static List<String> captures() throws IOException {
        List<String> out = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> s = Files.list(TestFiles.fixtures().resolve(folder))) {
                s.map(p -> folder + "/" + p.getFileName())
                        .filter(AnalyzeGoldenTest::isCapture)
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    private static boolean isCapture(String rel) {
        String name = rel.substring(rel.indexOf('/') + 1);
        if (rel.startsWith("workloads/")) return name.matches(".*\\.(bpftrace|ltrace)\\.txt(\\.gz)?");
        return name.matches(".*\\.(txt|xml|log)(\\.gz|\\.xz|\\.zst)?") && !name.endsWith(".stderr")
                && !name.equals("README.md") && !name.equals("UPSTREAM_COMMIT");
    }

    /** In verdicts.tsv: the capture holds no allocation data and is refused as an input error. */
    static final String NO_DATA = "NO-DATA";

    /** Reviewed verdict names (or {@link #NO_DATA}) by capture. */
    static Map<String, String> expected() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path f = TestFiles.root().resolve("src/test/resources/golden/analysis/verdicts.tsv");
        if (!Files.exists(f)) return m;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] c = line.split("\t");
            if (!c[1].equals(NO_DATA)) Verdict.valueOf(c[1]); // a typo in the reviewed list fails here
            m.put(c[0], c[1]);
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> every_fixture_has_the_reviewed_verdict_and_golden_report() throws IOException {
        Map<String, String> expected = expected();
        List<String> all = captures();
        Map<String, String> actual = new java.util.concurrent.ConcurrentHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (String rel : all) {
            tests.add(DynamicTest.dynamicTest(rel, () -> {
                AnalysisResult r;
                try {
                    r = new TraceAnalysis(null, true).run(TestFiles.fixture(rel), List.of(), null).result();
                } catch (TraceInputException e) {
                    actual.put(rel, NO_DATA);
                    TestFiles.assertGolden("analysis/" + rel + ".txt", e.getMessage() + "\n");
                    if (!Boolean.getBoolean("golden.update")) {
                        assertThat(expected.get(rel)).as("%s was refused: %s", rel, e.getMessage()).isEqualTo(NO_DATA);
                        assertThat(e.getMessage()).contains("no allocation data");
                    }
                    return;
                }
                actual.put(rel, r.verdict().name());
                StringWriter text = new StringWriter();
                new AnalysisTextWriter(5, s -> s).write(r, new PrintWriter(text));
                TestFiles.assertGolden("analysis/" + rel + ".txt", text.toString());
                if (!Boolean.getBoolean("golden.update")) {
                    assertThat(expected).as("reviewed verdict for %s", rel).containsKey(rel);
                    assertThat(r.verdict().name()).as("verdict of %s: %s", rel, r.evidence()).isEqualTo(expected.get(rel));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("verdicts.tsv", () -> {
            if (!Boolean.getBoolean("golden.update")) return;
            StringBuilder sb = new StringBuilder("# capture\tverdict   (reviewed by hand: see docs/analysis.md)\n");
            for (String rel : all) sb.append(rel).append('\t').append(actual.get(rel)).append('\n');
            Path f = TestFiles.root().resolve("src/test/resources/golden/analysis/verdicts.tsv");
            Files.createDirectories(f.getParent());
            Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        }));
        return tests.stream();
    }
}
