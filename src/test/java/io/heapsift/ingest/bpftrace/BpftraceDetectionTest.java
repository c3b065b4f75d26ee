package io.heapsift.ingest.bpftrace;

import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceInput;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe claims heapsift bpftrace captures, and nothing else among all captures and peer samples. */
class BpftraceDetectionTest {

    private final BpftraceFormat format = new BpftraceFormat();

    static boolean isBpftraceCapture(Path f) {
        String name = f.getFileName().toString();
        return name.matches(".*\\.bpftrace(\\.txt)?(\\.(gz|zst|xz|bz2))?")
                || f.getParent().getFileName().toString().equals("bpftrace") && !name.endsWith(".md")
                && !name.endsWith(".tsv") && !name.endsWith(".sh");
    }

    @Test
    void probes_every_fixture_and_peer_sample() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestFiles.fixtures())) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        try (Stream<Path> s = Files.list(TestFiles.peer("SOURCES.md").getParent())) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            Sample sample;
            try {
                sample = TraceInput.of(f).sample();
            } catch (TraceInputException binary) {
                continue; // compiled programs
            }
            int expected = !isBpftraceCapture(f) ? 0
                    : sample.lines().stream().anyMatch(l -> l.startsWith("# heapsift-bpftrace ")) ? 100 : 30;
            assertThat(format.probe(sample)).as("%s", f).isEqualTo(expected);
        }
    }

    @Test
    void an_excerpt_without_the_header_is_recognized_by_its_records() {
        assertThat(format.probe(new Sample("x", List.of("A 1 2 3 malloc 16 = 0x10 0", "F 1 4 free 0x10", "hello"))))
                .isEqualTo(70);
        assertThat(format.probe(new Sample("x", List.of("malloc(16) = 0x10", "A 1 2 3 malloc 16 = 0x10 0", "x", "y"))))
                .isZero();
        assertThat(format.probe(new Sample("x", List.of("Attaching 29 probes...")))).isEqualTo(30);
    }
}
