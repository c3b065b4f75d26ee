package io.heapsift.ingest.memleak;

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

/** The probe claims every memleak capture and nothing of the other tools (fixtures and peer corpus). */
class MemleakDetectionTest {

    private final MemleakFormat format = new MemleakFormat();

    @Test
    void claims_every_memleak_capture_and_no_other_file() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestFiles.fixtures(), 2)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().getFileName().toString().equals("programs"))
                    .filter(p -> !p.getParent().equals(TestFiles.fixtures()))
                    .forEach(files::add);
        }
        try (Stream<Path> s = Files.list(TestFiles.peer("SOURCES.md").getParent())) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        int mine = 0;
        for (Path f : files) {
            String dir = f.getParent().getFileName().toString();
            String name = f.getFileName().toString();
            int score = probe(f);
            boolean memleakDir = dir.equals("memleak") || dir.equals("memleak-libbpf");
            boolean capture = name.contains(".memleak") && name.contains(".txt");
            if (capture || name.equals("bcc__tools__memleak_example.txt")) {
                assertThat(score).as("%s", f).isGreaterThanOrEqualTo(90);
                mine++;
            } else if (memleakDir && name.endsWith(".stderr")) {
                // memleak's own stderr: at most its Python traceback, claimed weakly (no data in it)
                assertThat(score).as("%s", f).isLessThanOrEqualTo(30);
            } else {
                assertThat(score).as("%s", f).isZero();
            }
        }
        assertThat(mine).isGreaterThan(20);
    }

    private int probe(Path f) throws IOException {
        Sample sample;
        try {
            sample = TraceInput.of(f).sample();
        } catch (TraceInputException binary) {
            return 0;
        }
        return format.probe(sample);
    }

    @Test
    void probe_signatures() {
        assertThat(probe("Attaching to kernel allocators, Ctrl+C to quit.")).isEqualTo(95);
        assertThat(probe("Executing './a b' and tracing the resulting process.")).isEqualTo(95);
        assertThat(probe("using default object: libc.so.6")).isEqualTo(95);
        assertThat(probe("^C[5:2:1] Top 3 stacks with outstanding allocations:")).isEqualTo(90);
        assertThat(probe("(b'leak', 7140, 0, b'...11', 427.840967, b'alloc entered, size = 50')")).isEqualTo(90);
        assertThat(probe("('leak', 7140, 0, '...11', 427.84, 'free entered, address = 5627c439e3e0, size = 50')"))
                .isEqualTo(90);
        assertThat(probe("  leak-19370   [000] ...11   959.741099: bpf_trace_printk: alloc entered, size = 200"))
                .isEqualTo(80);
        assertThat(probe("4 bytes in 1 allocations from stack")).isEqualTo(60);
        assertThat(probe("==123== 4 bytes in 1 blocks are definitely lost in loss record 1 of 2")).isZero();
        assertThat(probe("malloc(16) = 0x55d5c8e2a2a0")).isZero();
        assertThat(probe("")).isZero();
    }

    private int probe(String line) {
        return format.probe(new Sample("t", List.of(line)));
    }
}
