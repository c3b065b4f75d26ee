package io.heapsift.ingest.valgrind;

import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random damage to real captures (cut lines, cut files, inserted bytes, huge numbers, swapped
 * lines): the parser never throws anything but a positioned TraceInputException, and every line is
 * accounted for.
 */
class ValgrindRobustnessTest {

    private static final String JUNK = "()=,:0x9F.-+ \t*>=abcé✓\u0000";

    @Test
    void damaged_captures_never_escape_as_runtime_exceptions() throws IOException {
        List<String> lines = corpus();
        Random rnd = new Random(20260804L);
        Path tmp = Files.createTempFile("valgrind-fuzz", ".log");
        try {
            for (int round = 0; round < 300; round++) {
                int start = rnd.nextInt(lines.size());
                List<String> doc = new ArrayList<>(lines.subList(start, Math.min(lines.size(), start + 1 + rnd.nextInt(60))));
                for (int i = 0; i < doc.size(); i++) doc.set(i, damage(doc.get(i), rnd));
                if (doc.size() > 2 && rnd.nextBoolean()) java.util.Collections.swap(doc, 0, doc.size() - 1);
                Files.writeString(tmp, String.join("\n", doc), StandardCharsets.UTF_8);
                for (String id : List.of(ValgrindLogParser.MEMCHECK_ID, ValgrindLogParser.TRACE_MALLOC_ID)) {
                    try {
                        ParseSummary s = new Ingest(Parsed.REGISTRY).parse(tmp, id, e -> { });
                        assertThat(s.recognized() + s.skipped()).isEqualTo(s.lines());
                        assertThat(s.skipped()).isLessThanOrEqualTo(s.lines());
                    } catch (TraceInputException e) {
                        assertThat(e.getMessage()).startsWith(tmp.toString());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String damage(String line, Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return line.substring(0, rnd.nextInt(line.length() + 1));
            case 1: {
                int at = rnd.nextInt(line.length() + 1);
                return line.substring(0, at) + JUNK.charAt(rnd.nextInt(JUNK.length())) + line.substring(at);
            }
            case 2:
                return line.replaceAll("\\d+", rnd.nextBoolean() ? "99999999999999999999999" : "18446744073709551615");
            case 3:
                return line.replace("0x", "0x" + "F".repeat(rnd.nextInt(20)));
            default:
                return line;
        }
    }

    private static List<String> corpus() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestFiles.fixtures().resolve("valgrind"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) out.addAll(Files.readAllLines(p));
        }
        return out;
    }
}
