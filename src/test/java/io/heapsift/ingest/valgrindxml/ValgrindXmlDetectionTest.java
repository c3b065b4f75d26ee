package io.heapsift.ingest.valgrindxml;

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

/** The probe claims valgrind XML documents, and nothing else among all captures and peer samples. */
class ValgrindXmlDetectionTest {

    private final ValgrindXmlFormat format = new ValgrindXmlFormat();

    @Test
    void probes_every_fixture_and_peer_sample() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestFiles.fixtures())) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        Path peer = TestFiles.peer("SOURCES.md").getParent();
        try (Stream<Path> s = Files.list(peer)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        int mine = 0;
        for (Path f : files) {
            Sample sample;
            try {
                sample = TraceInput.of(f).sample();
            } catch (TraceInputException binary) {
                continue; // compiled programs under fixtures/programs
            }
            String name = f.getFileName().toString();
            boolean xml = name.matches(".*\\.xml(\\.(gz|zst|xz|bz2))?") || name.matches(".*xml.*\\.stderr\\.exp");
            int score = format.probe(sample);
            assertThat(score).as("%s", f).isEqualTo(xml ? 100 : 0);
            if (xml) mine++;
        }
        assertThat(mine).as("XML files probed").isGreaterThanOrEqualTo(6 + 11);
    }

    @Test
    void text_before_the_document_and_a_missing_declaration_still_probe() {
        assertThat(format.probe(new Sample("x", List.of("valgrind: warning", "<?xml version=\"1.0\"?>", "",
                "<valgrindoutput>")))).isEqualTo(100);
        assertThat(format.probe(new Sample("x", List.of("<valgrindoutput>", "<protocolversion>4</protocolversion>"))))
                .isEqualTo(90);
        assertThat(format.probe(new Sample("x", List.of("<?xml version=\"1.0\"?>", "<html>")))).isZero();
        assertThat(format.probe(new Sample("x", List.of()))).isZero();
    }
}
