package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real XML capture in fixtures/valgrind: clean accounting, and the loss records add up to what
 * valgrind itself printed for the same program in its text log (LEAK SUMMARY, HEAP SUMMARY).
 */
class ValgrindXmlFixtureTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "^==\\d+==\\s+(definitely lost|indirectly lost|possibly lost|still reachable|suppressed): ([\\d,]+) bytes in ([\\d,]+) blocks$");
    private static final Pattern IN_USE = Pattern.compile("^==\\d+==\\s+in use at exit: ([\\d,]+) bytes in ([\\d,]+) blocks$");

    static Stream<Path> xmlFixtures() throws IOException {
        List<Path> out = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(TestFiles.fixtures().resolve("valgrind"), "*.xml")) {
            ds.forEach(out::add);
        }
        out.sort(null);
        assertThat(out).as("valgrind XML fixtures").isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("xmlFixtures")
    void every_fixture_is_detected_and_read_without_skips(Path file) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        ParseSummary s = XmlRun.ingest(file, events);
        assertThat(s.formatId()).isEqualTo("valgrind-memcheck-xml");
        assertThat(s.variant()).isEqualTo("protocol 4");
        assertThat(s.lines()).isEqualTo(XmlRun.physicalLines(Files.readAllBytes(file)));
        assertThat(s.skipped()).isZero();
        assertThat(s.warnings()).isZero();
        assertThat(s.facts()).containsEntry("tool", "valgrind-3.19.0").containsEntry("protocol", "4")
                .containsEntry("valgrind-tool", "memcheck").containsKey("pid").containsKey("command")
                .containsEntry("status", "FINISHED");
    }

    @ParameterizedTest
    @MethodSource("xmlFixtures")
    void loss_records_add_up_to_the_text_logs_summaries(Path file) throws IOException {
        String program = file.getFileName().toString().replaceFirst("\\..*", "");
        Path text = file.resolveSibling(program + ".memcheck.txt");
        if (!Files.exists(text)) return; // no companion capture of the same program
        List<String> log = Files.readAllLines(text);
        XmlRun run = XmlRun.parse(file);
        boolean textKilled = log.stream().anyMatch(l -> l.contains("Process terminating with default action of signal"));
        boolean xmlKilled = run.errors().stream().anyMatch(e -> e.kind().equals("FatalSignal"));
        assumeTrue(textKilled == xmlKilled, text.getFileName() + " was ended by a signal and " + file.getFileName()
                + " was not (or the reverse): not two runs of the same program, nothing to compare");
        Map<LeakKind, long[]> expected = new EnumMap<>(LeakKind.class);
        long[] inUse = null;
        for (String l : log) {
            Matcher m = SUMMARY.matcher(l);
            if (m.matches()) expected.put(LeakKind.fromValgrindText(m.group(1)), new long[] {num(m.group(2)), num(m.group(3))});
            m = IN_USE.matcher(l);
            if (m.matches()) inUse = new long[] {num(m.group(1)), num(m.group(2))};
        }
        Map<LeakKind, long[]> actual = run.leakTotals();
        for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE, LeakKind.REACHABLE)) {
            long[] want = expected.getOrDefault(k, new long[2]);
            assertThat(actual.getOrDefault(k, new long[2])).as("%s %s", file.getFileName(), k).containsExactly(want);
        }
        long bytes = actual.values().stream().mapToLong(t -> t[0]).sum();
        long blocks = actual.values().stream().mapToLong(t -> t[1]).sum();
        assertThat(inUse).as("HEAP SUMMARY of %s", text).isNotNull();
        assertThat(new long[] {bytes, blocks}).as("in use at exit").containsExactly(inUse);
    }

    @Test
    void leaky_has_six_records_and_splits_the_parent_record_into_direct_and_indirect() throws IOException {
        Path file = TestFiles.fixture("valgrind/leaky.memcheck.xml");
        XmlRun run = XmlRun.parse(file);
        List<Long> ends = XmlRun.linesOf(Files.readString(file), "</error>");
        assertThat(run.events()).hasSize(6);
        assertThat(run.leaks()).extracting(LeakRecord::line).isEqualTo(ends);
        assertThat(run.leaks()).extracting(LeakRecord::kind).containsExactly(LeakKind.REACHABLE, LeakKind.INDIRECT,
                LeakKind.DEFINITE, LeakKind.DEFINITE, LeakKind.POSSIBLE, LeakKind.DEFINITE);
        LeakRecord parent = run.leaks().get(2);
        assertThat(parent.bytes()).isEqualTo(56);
        assertThat(parent.directBytes()).isEqualTo(16);
        assertThat(parent.indirectBytes()).isEqualTo(40);
        assertThat(parent.blocks()).isEqualTo(1);
        assertThat(parent.recordNumber()).isEqualTo(3);
        assertThat(parent.recordCount()).isEqualTo(6);
        LeakRecord big = run.leaks().get(5);
        assertThat(big.bytes()).isEqualTo(1000); // "1,000 bytes" in the text, 1000 in <leakedbytes>
        assertThat(big.stack().frames()).extracting(Frame::function).containsExactly("malloc", "leak_big_block", "main");
        Frame caller = big.stack().frames().get(1);
        assertThat(caller.function()).isEqualTo("leak_big_block");
        assertThat(caller.offset()).isEqualTo(-1);
        assertThat(caller.module()).endsWith("/fixtures/programs/leaky");
        assertThat(caller.file()).endsWith("/fixtures/programs/leaky.c"); // <dir>/<file>
        assertThat(caller.fileLine()).isPositive();
        assertThat(caller.ip()).isBetween(0x100000L, 0x200000L); // PIE main binary under valgrind
        assertThat(big.stack().top().module()).isEqualTo("/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so");
        LeakRecord small = run.leaks().get(3);
        assertThat(small.blocks()).isEqualTo(8);
        assertThat(small.stack().frames()).extracting(Frame::function)
                .containsExactly("malloc", "leaf_alloc", "mid", "leak_small_blocks", "main");
        assertThat(run.ctx().facts()).containsEntry("command", "./leaky 2");
    }

    @Test
    void threads_leaks_end_in_start_thread_and_clone() throws IOException {
        XmlRun run = XmlRun.parse(TestFiles.fixture("valgrind/threads.memcheck.xml"));
        assertThat(run.leaks()).hasSize(4).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(LeakKind.DEFINITE);
            List<Frame> f = r.stack().frames();
            assertThat(f.get(f.size() - 1).function()).isEqualTo("clone");
            assertThat(f.get(f.size() - 2).function()).isEqualTo("start_thread");
        });
        assertThat(run.leaks()).extracting(r -> r.stack().top().function()).contains("memalign", "realloc");
    }

    @Test
    void cxx_leaks_keeps_demangled_names_with_unescaped_angle_brackets() throws IOException {
        XmlRun run = XmlRun.parse(TestFiles.fixture("valgrind/cxx_leaks.memcheck.xml"));
        assertThat(run.leaks()).hasSize(10);
        assertThat(run.leaks().stream().filter(r -> r.kind() == LeakKind.DEFINITE)).hasSize(4);
        assertThat(run.leaks().stream().filter(r -> r.kind() == LeakKind.INDIRECT)).hasSize(2);
        assertThat(run.leaks().stream().filter(r -> r.kind() == LeakKind.POSSIBLE)).hasSize(1);
        assertThat(run.leaks().stream().filter(r -> r.kind() == LeakKind.REACHABLE)).hasSize(3);
        List<String> functions = run.leaks().stream().flatMap(r -> r.stack().frames().stream()).map(Frame::function).toList();
        assertThat(functions).contains("ns::Box<int, 8>::clone() const", "char* ns::detail::make_array<char>(unsigned long)",
                "operator new(unsigned long, std::align_val_t)", "operator new[](unsigned long)");
    }

    @Test
    void fail_has_one_fishy_value_error_whose_text_ends_in_a_newline() throws IOException {
        Path file = TestFiles.fixture("valgrind/fail.memcheck.xml");
        XmlRun run = XmlRun.parse(file);
        assertThat(run.events()).hasSize(1);
        ToolError e = run.errors().get(0);
        assertThat(e.kind()).isEqualTo("FishyValue");
        assertThat(e.what()).isEqualTo("Argument 'size' of function malloc has a fishy (possibly negative) value: -1");
        assertThat(e.stack().frames()).extracting(Frame::function).containsExactly("malloc", "main");
        assertThat(List.of(e.line())).isEqualTo(XmlRun.linesOf(Files.readString(file), "</error>"));
    }

    @Test
    void tidy_captures_have_no_events() throws IOException {
        for (String f : List.of("valgrind/tidy.memcheck.xml", "valgrind/tidy.memcheck-tracemalloc.xml")) {
            XmlRun run = XmlRun.parse(TestFiles.fixture(f));
            assertThat(run.events()).as(f).isEmpty();
            assertThat(run.diag().skipped()).isZero();
            assertThat(run.recognized()).isEqualTo(run.diag().lines()).isPositive();
        }
    }

    private static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }
}
