package io.heapsift.ingest.memleak;

import io.heapsift.event.Stacks;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The -t tuple fast path and the grammar read every fixture line identically (events, skips, notes). */
class TraceFastPathTest {

    @Test
    void fast_path_agrees_with_the_grammar_on_every_fixture() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(TestFiles.fixtures().resolve("memleak")),
                Files.list(TestFiles.fixtures().resolve("memleak-libbpf")))) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        int tuples = 0;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            tuples += (int) lines.stream().filter(l -> l.startsWith("(b'")).count();
            assertThat(run(lines, true)).as("%s", f).isEqualTo(run(lines, false));
        }
        List<String> odd = List.of("Attaching to kernel allocators, Ctrl+C to quit.",
                "(b'a', 1, 0, b'...1', 1.5, b'alloc entered, size = 4294967295')",
                "(b'a', 1, 0, b'...1', 1.500000001, b'alloc exited, size = 18446744073709551615, result = 0')",
                "(b'a', 2, 0, b'...1', 2.25, b'free entered, address = ffffffffffffffff, size = 9')",
                "(b'a', 2, 0, b'...1', 2.0, b'alloc exited, size = 99999999999999999999, result = 1')",
                "(b'a', 2, 0, b'...1', 2.0, b'alloc exited, size = 1, result = 1ffffffffffffffff')",
                "(b'a', 3, 0, b'...1', 2.0, b'something else')");
        assertThat(run(odd, true)).isEqualTo(run(odd, false));
        assertThat(tuples).isGreaterThan(500);
    }

    private static String run(List<String> lines, boolean fast) {
        List<TraceEvent> events = new ArrayList<>();
        Diagnostics diag = new Diagnostics("x");
        ParseContext ctx = new ParseContext("memleak", events::add, diag, new Stacks());
        MemleakEventBuilder b = new MemleakEventBuilder(ctx, fast);
        long n = 0;
        for (String l : lines) {
            diag.countLine();
            b.accept(++n, l);
        }
        b.finish();
        return events + "\n" + diag.skippedByReason() + "\n" + diag.notes() + "\n" + diag.messages() + "\n"
                + ctx.variant() + ctx.facts();
    }
}
