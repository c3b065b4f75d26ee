package io.heapsift.ingest.valgrind;

import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceInput;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The valgrind text probes say nothing about other tools' captures, valgrind XML, or the rest of the peer corpus. */
class ValgrindDetectionTest {

    static Stream<Path> notOurs() throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.walk(TestFiles.fixtures())) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/programs/") && !p.toString().contains("/workloads/"))
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(memcheck|tracemalloc)[^/]*\\.(txt|log)(\\.(gz|xz|zst))?"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md") && !p.getFileName().toString().endsWith(".sh"))
                    .forEach(out::add);
        }
        Path peer = Path.of(System.getProperty("heapsift.peer", "../shared/peer"));
        if (Files.isDirectory(peer)) {
            try (Stream<Path> s = Files.list(peer)) {
                s.filter(p -> !p.getFileName().toString().startsWith("valgrind")).forEach(out::add);
            }
        }
        out.sort(null);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOurs")
    void probes_return_zero(Path p) throws IOException {
        Sample sample;
        try {
            sample = TraceInput.of(p).sample();
        } catch (io.heapsift.ingest.TraceInputException e) {
            return; // binary: never probed
        }
        assertThat(new MemcheckTextFormat().probe(sample)).as("memcheck probe").isZero();
        assertThat(new TraceMallocFormat().probe(sample)).as("trace-malloc probe").isZero();
    }
}
