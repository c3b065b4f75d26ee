package io.heapsift.ingest.ltrace;

import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceInput;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe claims ltrace captures and leaves every other tool's file alone. */
class LtraceDetectionTest {

    static Stream<Path> otherCaptures() throws IOException {
        Path fixtures = TestFiles.fixtures();
        Stream<Path> own;
        try (Stream<Path> s = Files.walk(fixtures)) {
            own = s.filter(Files::isRegularFile)
                    .filter(p -> !fixtures.relativize(p).startsWith("ltrace") && !fixtures.relativize(p).startsWith("programs"))
                    .filter(p -> !p.getFileName().toString().matches("README.md|MANIFEST.tsv|capture.sh|.*\\.ltrace.*"))
                    .sorted().toList().stream();
        }
        Path peer = Path.of(System.getProperty("heapsift.peer", "../shared/peer"));
        if (!Files.isDirectory(peer)) return own;
        try (Stream<Path> s = Files.list(peer)) {
            List<Path> peers = s.filter(p -> !p.getFileName().toString().equals("SOURCES.md")).sorted().toList();
            return Stream.concat(own, peers.stream());
        }
    }

    /** ltrace captures outside fixtures/ltrace: compressed copies, workload captures (when present). */
    static Stream<Path> ltraceElsewhere() throws IOException {
        Path fixtures = TestFiles.fixtures();
        try (Stream<Path> s = Files.walk(fixtures)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(".ltrace"))
                    .filter(p -> !p.getFileName().toString().contains("mallinfo"))
                    .filter(p -> !fixtures.relativize(p).startsWith("ltrace")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("ltraceElsewhere")
    void compressed_and_workload_ltrace_captures_are_detected_and_read_without_skips(Path file) throws IOException {
        assertThat(new LtraceFormat().probe(TraceInput.of(file).sample())).isGreaterThanOrEqualTo(85);
        Parsed p = Parsed.of(file);
        assertThat(p.summary().skipped()).as("%s: %s", file, p.summary().skippedByReason()).isZero();
        assertThat(p.events()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("otherCaptures")
    void other_tools_captures_are_not_ltrace(Path file) throws IOException {
        Sample sample;
        try {
            sample = TraceInput.of(file).sample();
        } catch (TraceInputException binary) {
            return; // not text at all
        }
        assertThat(new LtraceFormat().probe(sample)).as(file.toString()).isZero();
    }

    @Test
    void snippets() {
        LtraceFormat f = new LtraceFormat();
        assertThat(f.probe(new Sample("x", List.of("malloc(16) = 0x4A5B040", "free(0x4A5B040)")))).isZero();
        assertThat(f.probe(new Sample("x", List.of("--123-- malloc(16) = 0x4A5B040")))).isZero();
        assertThat(f.probe(new Sample("x", List.of("_ZnwmSt11align_val_tRKSt9nothrow_t(size 64, al 64) = 0x........")))).isZero();
        assertThat(f.probe(new Sample("x", List.of("malloc(16)                                       = 0x55d5c8e2a2a0")))).isEqualTo(85);
        assertThat(f.probe(new Sample("x", List.of("[pid 7] +++ exited (status 0) +++")))).isEqualTo(95);
        assertThat(f.probe(new Sample("x", List.of("hello", "world", "4 couldn't", "[pid 7] malloc(1 <unfinished ...>")))).isEqualTo(70);
    }
}
