package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Stacks;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.TraceInput;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written scanner for the frequent records must read every line exactly as the grammar does: a capture
 * parsed with it and without it gives the same events, the same skipped lines (with their reasons, lines and
 * columns), the same notes and warnings. Real captures, and lines mutated at random.
 */
class BpftraceFastPathTest {

    /** One parse, events and diagnostics rendered as text. */
    private static List<String> parse(Path file, boolean fast) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        Diagnostics diag = new Diagnostics(file.toString());
        ParseContext ctx = new ParseContext(BpftraceFormat.ID, events::add, diag, new Stacks());
        new BpftraceFormat(fast).parse(TraceInput.of(file), ctx);
        List<String> out = new ArrayList<>();
        for (TraceEvent e : events) out.add(e.toString());
        out.add("skipped " + diag.skippedByReason());
        out.add("notes " + diag.notes());
        diag.messages().forEach(m -> out.add(m.toString()));
        out.add("facts " + ctx.facts());
        return out;
    }

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> s = Files.walk(TestFiles.fixtures())) {
            return s.filter(p -> p.getFileName().toString().matches(".*bpftrace.*\\.txt(\\.gz)?")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void a_capture_reads_the_same_with_and_without_the_fast_path(Path capture) throws IOException {
        assertThat(parse(capture, true)).isEqualTo(parse(capture, false));
    }

    @Test
    void the_frequent_records_take_the_fast_path() throws IOException {
        BpftraceFastPath f = new BpftraceFastPath();
        long records = 0, taken = 0;
        for (Path p : captures().toList()) {
            for (String line : lines(p)) {
                if (!line.startsWith("A ") && !line.startsWith("F ")) continue;
                records++;
                if (f.decode(line)) taken++;
            }
        }
        assertThat(records).isGreaterThan(500_000);
        // what stays with the grammar: posix_memalign, memalign, valloc..., and the rare odd line
        assertThat(taken).as("A/F records on the fast path").isGreaterThan(records * 95 / 100);
    }

    @Test
    void lines_off_the_plain_shape_go_to_the_grammar(@TempDir Path dir) throws IOException {
        String[] odd = {
            "A 1 2 3 malloc 64 = 0x10 0",            // plain: fast path
            "A 1 2 3 malloc  64 = 0x10 0",           // two spaces: the grammar reads it the same
            "A 1 2 3 malloc 64 = 0x10 0 ",           // trailing space
            "A 1 2 3 malloc 64 = 0x10\t0",           // a tab
            "A 1 2 3 malloc 64 = 0x10 0 7",          // one field too many
            "A 1 2 3 malloc 64 = 0x10",              // one too few
            "A 1 2 3 malloc 99999999999999999999 = 0x10 0", // does not fit 64 bits
            "A 1 2 3 malloc 18446744073709551615 = 0x10 0", // fits only unsigned
            "A 4294967296 2 3 malloc 64 = 0x10 0",   // not a thread id
            "A 1 2 3 malloc 64 = 0X10 0",            // not the script's hex
            "A 1 2 3 malloc 64 = 0x0000000000000000010 0", // 19 hex digits, a value that fits
            "A 1 2 3 malloc 64 = 0x1g 0",
            "A 1 2 3 mallocx 64 = 0x10 0",
            "A 1 2 3 calloc 3 18446744073709551615 = 0x0 0", // nmemb * size overflows
            "A 1 2 3 realloc 0x10 128 = 0x20 5",
            "A 1 2 99999999999999999999 malloc 64 = 0x10 0", // T1 too big
            "A 1 99999999999999999999 3 malloc 64 = 0x10 0", // T0 is only digits to the grammar
            "F 1 9 free 0x20",
            "F 1 9 free 0x20 ",
            "F 1 9 free 0x",
            "F 1 9 freed 0x20",
            "F 1 9 free 0x٣",                       // a non-ASCII digit
            "A 1 2 3 malloc ٣ = 0x10 0",
        };
        Path f = dir.resolve("odd.bpftrace.txt");
        Files.writeString(f, "# heapsift-bpftrace 1 target=0 depth=0\n" + String.join("\n", odd) + "\nE 10\n",
                StandardCharsets.UTF_8);
        assertThat(parse(f, true)).isEqualTo(parse(f, false));
        BpftraceFastPath fast = new BpftraceFastPath();
        assertThat(fast.decode(odd[0])).isTrue();
        assertThat(fast.decode(odd[14])).isTrue();
        assertThat(fast.decode(odd[16])).isTrue(); // the grammar does not read T0 as a number either
        assertThat(fast.decode(odd[17])).isTrue();
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 18, 19, 20, 21, 22}) {
            assertThat(fast.decode(odd[i])).as(odd[i]).isFalse();
        }
    }

    @Test
    void randomly_mutated_records_read_the_same_both_ways(@TempDir Path dir) throws IOException {
        List<String> seed = new ArrayList<>();
        for (String l : lines(TestFiles.fixtures().resolve("bpftrace/threads.bpftrace.txt"))) {
            if (l.startsWith("A ") || l.startsWith("F ")) seed.add(l);
        }
        assertThat(seed).hasSizeGreaterThan(50);
        Random rnd = new Random(11);
        String alphabet = "0123456789abcdefxX =-\tAFmalocfre";
        StringBuilder text = new StringBuilder("# heapsift-bpftrace 1 target=0 depth=0\n");
        for (int i = 0; i < 5000; i++) {
            StringBuilder l = new StringBuilder(seed.get(rnd.nextInt(seed.size())));
            for (int k = rnd.nextInt(3); k >= 0; k--) {
                int at = rnd.nextInt(l.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> l.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> { if (at < l.length()) l.deleteCharAt(at); }
                    default -> { if (at < l.length()) l.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length()))); }
                }
            }
            text.append(l).append('\n');
        }
        Path f = dir.resolve("mutated.bpftrace.txt");
        Files.writeString(f, text.append("E 99999999999\n").toString(), StandardCharsets.UTF_8);
        List<String> fast = parse(f, true);
        assertThat(fast).isEqualTo(parse(f, false));
        assertThat(fast.size()).isGreaterThan(1000); // most mutations still make events
    }

    private static List<String> lines(Path p) throws IOException {
        var in = Files.newInputStream(p);
        var stream = p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}
