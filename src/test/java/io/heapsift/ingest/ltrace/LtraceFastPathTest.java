package io.heapsift.ingest.ltrace;

import io.heapsift.ingest.ltrace.LtraceTraceGenerator.Options;
import io.heapsift.ingest.ltrace.LtraceTraceGenerator.PidStyle;
import io.heapsift.ingest.ltrace.LtraceTraceGenerator.TimeStyle;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written scanner must never accept a line the grammar rejects, and must decode every line
 * it accepts exactly as the grammar does (stack.md §2.4: the grammar stays the source of truth).
 */
class LtraceFastPathTest {

    private final LtraceFastPath fast = new LtraceFastPath();
    private final LtraceLine fastLine = new LtraceLine();
    private final LtraceLineDecoder grammar = new LtraceLineDecoder(false);

    /** Returns true if the fast path took the line; fails if it disagrees with the grammar. */
    private boolean agrees(String line) {
        boolean accepted = fast.decode(line, fastLine);
        if (!accepted) return false;
        LtraceLine g = grammar.decodeWithGrammar(line);
        assertThat(g).as("grammar rejects a line the fast path took: [%s]", line).isNotNull();
        assertThat(fastLine.toString()).as("decoding of [%s]", line).isEqualTo(g.toString());
        return true;
    }

    @Test
    void agrees_with_the_grammar_on_every_fixture_line() throws IOException {
        long lines = 0, taken = 0;
        try (Stream<Path> files = Files.list(TestFiles.fixtures().resolve("ltrace"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    lines++;
                    if (agrees(line)) taken++;
                }
            }
        }
        assertThat(lines).isGreaterThan(1000);
        assertThat(taken).as("share of fixture lines on the fast path").isGreaterThan(lines * 3 / 4);
    }

    @Test
    void agrees_with_the_grammar_on_generated_lines_of_every_variant() throws IOException {
        long lines = 0, taken = 0;
        for (Options o : LtracePropertyTest.variants(7)) {
            StringWriter w = new StringWriter();
            LtraceTraceGenerator.write(w, 400, o, null);
            for (String line : w.toString().split("\n")) {
                lines++;
                if (agrees(line)) taken++;
            }
        }
        assertThat(taken).isGreaterThan(lines / 2);
    }

    @Test
    void the_benchmark_shape_is_all_fast_path() throws IOException {
        StringWriter w = new StringWriter();
        LtraceTraceGenerator.write(w, 2000, new Options(4, PidStyle.BRACKETS, TimeStyle.TT, false, false, "0", "prog", null,
                false, 3, 36_000_000_000L, 100), null);
        List<String> slow = new ArrayList<>();
        for (String line : w.toString().split("\n")) {
            if (!agrees(line)) slow.add(line);
        }
        // only the strlen("...") lines (a string argument) and C++ lines with libstdc++'s caller need the parser
        assertThat(slow).allMatch(l -> l.contains("strlen(\"") || l.contains("libstdc++"));
    }

    @Test
    void agrees_with_the_grammar_on_edge_cases() {
        String[] cases = {
            "", " ", "malloc(1) = 0x1", "malloc(1)=0x1", "malloc (1) = 0x1", "malloc(1) = 0x1 <0.000001>",
            "malloc(1) = 0x1<0.1>", "malloc(1) = ", "malloc(1) = <0.000001>", "malloc(1) =", "malloc(1)", "malloc(",
            "malloc(1", "free(0) = <void>", "free(nil) = <void>", "free(NULL) = <void>", "free((nil)) = <void>",
            "free(0x) = <void>", "free(0xg) = <void>", "free(0x1g) = <void>", "malloc(12ab) = 0", "malloc(1.5) = 0",
            "malloc(-1) = 0", "malloc(- 1) = 0", "malloc(--1) = 0", "malloc(1,) = 0", "malloc(,1) = 0", "malloc(1,,2) = 0",
            "malloc(18446744073709551615) = 0", "malloc(99999999999999999999999) = 0",
            "a->b(1) = 2", "a->b->c(1) = 2", "libstdc++.so.6->malloc(1) = 0x1", "ld-linux-x86-64.so.2->free(0x1) = <void>",
            "x-(1) = 2", "x+(1) = 2", "x++y(1) = 2", "malloc@libc.so.6(1) = 0x2", "malloc@(1) = 0x2", "@libc(1) = 2",
            "[pid 1] malloc(1) = 0x1", "[pid 1]malloc(1) = 0x1", "[pid ] malloc(1) = 0x1", "[pid 99999999999] malloc(1) = 0x1",
            "1 malloc(1) = 0x1", "1 2 malloc(1) = 0x1", "1  0.000001 malloc(1) = 0x1", "  0.000001 malloc(1) = 0x1",
            "04:14:27 malloc(1) = 0x1", "04:14:27.123456 malloc(1) = 0x1", "04:14:27. malloc(1) = 0x1", "4:14:27 malloc(1) = 0x1",
            "04:14:27 1.5 malloc(1) = 0x1", "1.5 04:14:27 malloc(1) = 0x1", "1.5 2.5 malloc(1) = 0x1", "1.5 2.5 3.5 malloc(1) = 0x1",
            "1795320864.080145 malloc(1) = 0x1", "[pid 2] 1.5 [0x1] malloc(1) = 0x1", "[0x1] malloc(1) = 0x1",
            "[(nil)] malloc(1) = 0x1", "[0x] malloc(1) = 0x1", "[0xz] malloc(1) = 0x1", "[0x1]malloc(1) = 0x1",
            "malloc(1 <unfinished ...>", "malloc(1 <no return ...>", "malloc( <unfinished ...>", "malloc(1 <unfinished ...> x",
            "malloc(1<unfinished ...>", "<... malloc resumed> ) = 0x1", "<... malloc resumed>) = 0x1", "<... malloc  resumed> ) = 0x1",
            "<... malloc resumed> , 1) = 0x1", "<... operator new(unsigned long) resumed> ) = 0x1", "<...malloc resumed> ) = 0x1",
            "+++ exited (status 0) +++", "+++ exited (status -1) +++", "+++ exited (status0) +++", "+++ exited (status 0) ++++",
            "+++ exited (status 0)+++", "+++ exited (status 99999999999) +++", "+++ killed by SIGSEGV +++",
            "--- SIGSEGV (Segmentation fault) ---", "--- Called exec() ---", "unexpected breakpoint at 0x55b8c5dcc429",
            "[pid 5] 04:14:33.804449 +++ killed by SIGSEGV +++", "free(0x1) = <void>x", "free(0x1) = <void> <0.1>",
            "malloc(1) = 0x1 0x2", "malloc(1) = -1", "malloc(1) = nil", "malloc(1) = 0x1 <0.000001> <0.1>",
            "strdup(\"a(b)\") = 0x1", "memset(0x1, '\\0', 100) = 0x1", "\tmalloc(1) = 0x1", "malloc(1) = 0x1\t",
            "mállóc(1) = 0x1", "malloc(1) = 0x1 ☃", "free(0x1\uff10) = <void>", "[0x\uff11] free(0x1) = <void>",
            "free(\uff10x1) = <void>", "malloc(\u0661) = 0x1", "[pid \u0661] malloc(1) = 0x1", "malloc(1) = 0x1 <0.\u0661>", "operator new[](unsigned long)(32, 0x7ffca46b3d88) = 0x1",
            "% time     seconds  usecs/call     calls      function", " 46.51    0.000546          60         9 malloc",
            "error: bad", "\t\t\tmalloc (ip = 0x7f1)", " > /lib/libc.so.6(malloc+0x1a) [0x7f1]",
        };
        for (String c : cases) agrees(c);
    }
}
