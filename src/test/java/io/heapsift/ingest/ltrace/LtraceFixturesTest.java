package io.heapsift.ingest.ltrace;

import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.TraceInput;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The real captures of fixtures/ltrace (ltrace 0.7.3). Exact counts come from what the programs in
 * fixtures/programs do (leaky, cxx_leaks: deterministic); for the threaded captures, whose
 * interleaving changes at every capture, they are checked against an independent count of the
 * call lines in the file (every call printed once as a completed or an open line).
 */
class LtraceFixturesTest {

    static Stream<Path> ltraceFixtures() throws IOException {
        try (Stream<Path> s = Files.list(TestFiles.fixtures().resolve("ltrace"))) {
            return s.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("ltraceFixtures")
    void every_fixture_is_detected_and_read_without_skips(Path file) throws IOException {
        assertThat(FormatRegistry.load().detect(TraceInput.of(file).sample()).id()).isEqualTo(LtraceFormat.ID);
        assertThat(new LtraceFormat().probe(TraceInput.of(file).sample())).isGreaterThanOrEqualTo(85);
        Parsed p = Parsed.of(file);
        assertThat(p.summary().skipped()).as("skips %s", p.summary().skippedByReason()).isZero();
        assertThat(p.summary().lines()).isEqualTo(Files.readAllLines(file).size());
        assertThat(p.summary().formatId()).isEqualTo("ltrace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"leaky.ltrace.txt", "leaky.ltrace-tt-T.txt", "leaky.ltrace-ttt.txt", "leaky.ltrace-r.txt",
            "leaky.ltrace-t.txt"})
    void leaky_two_rounds_gives_every_call_of_the_program(String name) {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/" + name));
        assertThat(p.countsByKind()).containsOnly(entry("alloc MALLOC", 15L), entry("alloc CALLOC", 3L), entry("realloc", 8L),
                entry("alloc POSIX_MEMALIGN", 2L), entry("alloc ALIGNED_ALLOC", 2L), entry("alloc MEMALIGN", 2L),
                entry("alloc VALLOC", 2L), entry("free FREE", 18L), entry("process-exit", 1L));
        // 2 rounds x 4 x 16 B + 1000 + 16 + 5*8 + 200 (strdup's 30 B is made inside libc: not seen with -e)
        assertThat(p.outstandingBytes()).isEqualTo(1384);
        assertThat(p.summary().notes()).doesNotContainKey("nested allocator calls folded into their outermost call");
    }

    @Test
    void leaky_with_i_has_one_frame_stacks_at_the_return_address() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/leaky.ltrace-i.txt"));
        assertThat(p.countsByKind()).containsOnly(entry("alloc MALLOC", 9L), entry("alloc CALLOC", 2L), entry("realloc", 4L),
                entry("alloc POSIX_MEMALIGN", 1L), entry("alloc ALIGNED_ALLOC", 1L), entry("alloc MEMALIGN", 1L),
                entry("alloc VALLOC", 1L), entry("free FREE", 9L), entry("process-exit", 1L));
        assertThat(p.outstandingBytes()).isEqualTo(1320);
        io.heapsift.event.Alloc first = (io.heapsift.event.Alloc) p.events().get(0);
        assertThat(first.stack().frames()).hasSize(1);
        assertThat(first.stack().top().function()).isEqualTo("[unknown]");
        assertThat(first.stack().top().module()).isEqualTo("leaky");
        assertThat(first.stack().top().ip()).isNotZero();
        // the four leak_small_blocks mallocs come from one call site: one stack
        List<TraceEvent> sixteens = p.events().stream()
                .filter(e -> e instanceof io.heapsift.event.Alloc a && a.size() == 16).limit(4).toList();
        assertThat(sixteens.stream().map(e -> ((io.heapsift.event.Alloc) e).stack()).distinct()).hasSize(1);
    }

    @Test
    void leaky_x_sees_libc_internal_blocks_and_folds_the_entry_level() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/leaky.ltrace-x.txt"));
        // 9 program mallocs + printf's 4096 B stdout buffer + strdup's 21 B and 30 B
        assertThat(p.countsByKind()).containsOnly(entry("alloc MALLOC", 12L), entry("alloc CALLOC", 2L), entry("realloc", 4L),
                entry("alloc POSIX_MEMALIGN", 1L), entry("alloc ALIGNED_ALLOC", 1L), entry("alloc MEMALIGN", 1L),
                entry("alloc VALLOC", 1L), entry("free FREE", 9L), entry("process-exit", 1L));
        assertThat(p.outstandingBytes()).isEqualTo(1320 + 4096 + 30);
        // every PLT allocator call wraps its @libc.so.6 entry (30), realloc(0,32)/realloc(p,0) one more level (2)
        assertThat(p.summary().notes()).containsEntry("nested allocator calls folded into their outermost call", 30L)
                .containsEntry("other traced calls (no event)", 19L);
    }

    /** "size:frames" of every allocation, in trace order (frames are the function names, innermost first). */
    private static List<String> allocStacks(Parsed p) {
        return p.events().stream().filter(e -> e instanceof io.heapsift.event.Alloc).map(e -> (io.heapsift.event.Alloc) e)
                .map(a -> a.size() + ":" + a.stack().frames().stream().map(f -> f.function()).toList()).toList();
    }

    @Test
    void leaky_x_names_the_traced_call_around_a_libc_internal_malloc() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/leaky.ltrace-x.txt"));
        // printf's stdout buffer and strdup's blocks are made inside libc, under the program's PLT call; the
        // program's own malloc(...) PLT call is the allocator itself (folded): no stack
        assertThat(allocStacks(p)).containsExactly("4096:[printf]", "100:[]", "200:[]", "64:[]", "128:[]", "96:[]",
                "300:[]", "10:[]", "21:[strdup]", "16:[]", "16:[]", "16:[]", "16:[]", "1000:[]", "16:[]", "40:[]", "200:[]",
                "30:[strdup]");
    }

    @Test
    void tidy_stdio_x_gives_each_stdio_block_its_call() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/tidy_stdio.ltrace-x.txt"));
        assertThat(allocStacks(p)).containsExactly("4096:[printf]", "11:[strdup]", "32:[]", "32:[]", "32:[]", "32:[]",
                "472:[fopen]", "4096:[fprintf]");
        // fclose frees the FILE and its buffer; only stdout's buffer stays
        assertThat(p.outstandingBytes()).isEqualTo(4096);
        assertThat(p.summary().notes()).containsEntry("nested allocator calls folded into their outermost call", 9L);
    }

    @Test
    void leaky_L_x_folds_realloc_into_its_inner_malloc_and_free() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/leaky.ltrace-L-x.txt"));
        assertThat(p.countsByKind()).containsOnly(entry("alloc MALLOC", 12L), entry("alloc CALLOC", 2L), entry("realloc", 4L),
                entry("alloc POSIX_MEMALIGN", 1L), entry("alloc MEMALIGN", 2L), entry("alloc VALLOC", 1L),
                entry("free FREE", 9L), entry("process-exit", 1L));
        assertThat(p.outstandingBytes()).isEqualTo(1320 + 4096 + 30);
        assertThat(p.summary().notes()).containsEntry("nested allocator calls folded into their outermost call", 2L);
    }

    @Test
    void leaky_n2_indentation_and_user_functions() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/leaky.ltrace-n2-x-mid.txt"));
        assertThat(p.countsByKind()).containsOnly(entry("alloc MALLOC", 9L), entry("process-exit", 1L));
        assertThat(p.outstandingBytes()).isEqualTo(100 + 64 + 4 * 16 + 1000 + 16 + 200); // only malloc traced
        assertThat(p.summary().notes()).containsEntry("other traced calls (no event)", 8L);
        // the traced program functions open around malloc are its stack, innermost first
        assertThat(allocStacks(p)).containsExactly("100:[]", "64:[]", "16:[leaf_alloc, mid]", "16:[leaf_alloc, mid]",
                "16:[leaf_alloc, mid]", "16:[leaf_alloc, mid]", "1000:[]", "16:[]", "200:[]");
    }

    @Test
    void leaky_c_summary_is_recognized_and_gives_no_event() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/leaky.ltrace-c.txt"));
        assertThat(p.events()).isEmpty();
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().notes()).containsEntry("summary (-c) lines", (long) p.summary().lines());
        assertThat(p.summary().variant()).isEqualTo("-c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxx_leaks.ltrace.txt", "cxx_leaks.ltrace-C.txt"})
    void cxx_mangled_and_demangled_give_the_same_outermost_calls(String name) {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/" + name));
        assertThat(p.countsByKind()).containsOnly(entry("alloc NEW", 43L), entry("alloc NEW_ARRAY", 3L),
                entry("free DELETE", 16L), entry("free DELETE_ARRAY", 1L), entry("process-exit", 1L));
        // leaks 32+96+41+32+40+128+64, reachable vector 24 + buffer 1024 + 20 strings x 31
        assertThat(p.outstandingBytes()).isEqualTo(433 + 24 + 1024 + 620);
        // new -> malloc (41), new[] -> new -> malloc (3 x 2), sized/aligned delete -> delete -> free (17 x 2)
        assertThat(p.summary().notes()).containsEntry("nested allocator calls folded into their outermost call", 81L);
        assertThat(p.events().stream().filter(e -> e instanceof io.heapsift.event.Alloc a && a.alignment() == 64)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads.ltrace-f-tt.txt", "threads.ltrace-f-o.txt", "threads.ltrace-f-ttt-T-o.txt"})
    void threads_complete_runs_pair_every_call(String name) {
        Path file = TestFiles.fixture("ltrace/" + name);
        Parsed p = Parsed.of(file);
        // 4 workers x 40 iterations, one leak each, 4 hand-offs freed by main, main's own block
        assertThat(p.countsByKind()).containsOnly(entry("alloc MALLOC", 87L), entry("alloc CALLOC", 41L), entry("realloc", 41L),
                entry("alloc POSIX_MEMALIGN", 41L), entry("free FREE", 165L), entry("thread-exit", 4L),
                entry("process-exit", 1L));
        assertThat(p.outstandingBytes()).isEqualTo(24 + 80 + 48);
        assertThat(p.countsByKind()).isEqualTo(oracle(file));
        assertThat(p.summary().notes()).doesNotContainKey("calls never resumed").doesNotContainKey("resumed lines without their call");
        io.heapsift.event.ProcessExit exit = (io.heapsift.event.ProcessExit) p.events().get(p.events().size() - 1);
        assertThat(exit.pid()).isEqualTo(p.events().stream().filter(e -> e instanceof io.heapsift.event.Alloc)
                .mapToInt(e -> ((io.heapsift.event.Alloc) e).tid()).min().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads.ltrace-f-tt-killed.txt", "threads.ltrace-f-o-segv.txt", "threads.ltrace-f-L-x-o.txt"})
    void threads_other_runs_match_an_independent_count_of_the_call_lines(String name) {
        Path file = TestFiles.fixture("ltrace/" + name);
        Parsed p = Parsed.of(file);
        Map<String, Long> expected = oracle(file);
        long folded = p.summary().notes().getOrDefault("nested allocator calls folded into their outermost call", 0L);
        long calls = expected.entrySet().stream().filter(e -> !e.getKey().endsWith("exit")).mapToLong(Map.Entry::getValue).sum();
        long events = p.countsByKind().entrySet().stream().filter(e -> !e.getKey().endsWith("exit")).mapToLong(Map.Entry::getValue).sum();
        assertThat(events + folded).isEqualTo(calls);
        if (folded == 0) assertThat(p.countsByKind()).isEqualTo(expected);
        assertThat(p.countsByKind()).containsEntry("process-exit", 1L)
                .containsEntry("thread-exit", expected.getOrDefault("thread-exit", 0L));
    }

    @Test
    void killed_capture_notes_the_crash_and_ltraces_own_messages() {
        Parsed p = Parsed.of(TestFiles.fixture("ltrace/threads.ltrace-f-tt-killed.txt"));
        assertThat(p.summary().notes()).containsKey("signal SIGSEGV");
        io.heapsift.event.ProcessExit exit = (io.heapsift.event.ProcessExit) p.events().stream()
                .filter(e -> e instanceof io.heapsift.event.ProcessExit).findFirst().orElseThrow();
        assertThat(exit.signal()).isEqualTo("SIGSEGV");
        assertThat(exit.status()).isEqualTo(-1);
    }

    // ------------------------------------------------------------------ the independent count

    private static final Pattern PREFIX = Pattern.compile("^(?:\\[pid (\\d+)\\] |(\\d+) )?(?: *\\d+\\.\\d{6} )?"
            + "(?:\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{6})? |\\d+\\.\\d{6} )?(?:\\[[^]]*\\] )? *");
    private static final Pattern CALL = Pattern.compile("(?:[\\w.+-]+->)?([A-Za-z_]\\w*)(?:@[\\w.+-]+)?\\(.*"
            + "(?:\\) +=.*|<unfinished \\.\\.\\.>|<no return \\.\\.\\.>)$");
    private static final Map<String, String> KINDS = Map.of("malloc", "alloc MALLOC", "calloc", "alloc CALLOC",
            "realloc", "realloc", "posix_memalign", "alloc POSIX_MEMALIGN", "free", "free FREE",
            "memalign", "alloc MEMALIGN", "aligned_alloc", "alloc ALIGNED_ALLOC", "valloc", "alloc VALLOC");

    /** Counts call lines per allocator (each call is printed once, completed or open) and exit lines. */
    static Map<String, Long> oracle(Path file) {
        Map<String, Long> counts = new TreeMap<>();
        try {
            long exits = 0;
            for (String line : Files.readAllLines(file)) {
                Matcher m = PREFIX.matcher(line);
                String body = m.lookingAt() ? line.substring(m.end()) : line;
                if (body.startsWith("+++ exited") || body.startsWith("+++ killed")) exits++;
                Matcher c = CALL.matcher(body);
                if (c.matches() && KINDS.containsKey(c.group(1))) counts.merge(KINDS.get(c.group(1)), 1L, Long::sum);
            }
            counts.put("process-exit", 1L);
            if (exits > 1) counts.put("thread-exit", exits - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return counts;
    }
}
