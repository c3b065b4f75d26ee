package io.heapsift.ingest.valgrind;

import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.table.KindTotal;
import io.heapsift.table.TableResult;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every valgrind text capture under fixtures/valgrind (new ones are picked up automatically): no line
 * skipped, and the events agree exactly with what valgrind itself printed in the same log.
 */
class ValgrindFixturesTest {

    /** The text captures of fixtures/valgrind and their compressed copies in fixtures/compressed. */
    static Stream<Path> captures() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(TestFiles.fixtures().resolve("valgrind"))) {
            s.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".log")).forEach(all::add);
        }
        Path compressed = TestFiles.fixtures().resolve("compressed");
        if (Files.isDirectory(compressed)) {
            try (Stream<Path> s = Files.list(compressed)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.(memcheck|tracemalloc).*\\.txt\\..*")).forEach(all::add);
            }
        }
        all.sort(null);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void every_line_is_understood(Path p) {
        Parsed parsed = Parsed.file(p);
        assertThat(parsed.summary().skippedByReason()).as("skips in %s", p).isEmpty();
        assertThat(parsed.summary().lines()).isEqualTo(RawLog.lineCount(p));
        assertThat(parsed.summary().warnings()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void detection_and_format_id_follow_the_content(Path p) throws IOException {
        RawLog raw = RawLog.read(p);
        String expected = raw.traceCallLines() > 0 && p.getFileName().toString().contains("tracemalloc")
                ? ValgrindLogParser.TRACE_MALLOC_ID : ValgrindLogParser.MEMCHECK_ID;
        Parsed parsed = Parsed.file(p);
        assertThat(parsed.summary().formatId()).isEqualTo(expected);
        assertThat(Parsed.REGISTRY.detect(io.heapsift.ingest.TraceInput.of(p).sample()).id()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void leak_summary_events_are_the_printed_ones(Path p) throws IOException {
        RawLog raw = RawLog.read(p);
        List<RawLog.Kind> events = Parsed.file(p).of(LeakSummary.class).stream()
                .map(s -> new RawLog.Kind(s.kind(), s.bytes(), s.blocks())).toList();
        assertThat(events).isEqualTo(raw.leakSummary());
    }

    /** Per kind whose records were shown: Σ direct bytes and Σ blocks of the records = valgrind's LEAK SUMMARY. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void loss_records_add_up_to_the_leak_summary(Path p) throws IOException {
        RawLog raw = RawLog.read(p);
        Parsed parsed = Parsed.file(p);
        assertThat(parsed.of(LeakRecord.class)).hasSize(raw.lossRecords());
        for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE, LeakKind.REACHABLE)) {
            List<LeakRecord> records = parsed.records(k);
            if (records.isEmpty() || raw.leakSummary().isEmpty()) continue;
            long[] expected = raw.summaryTotal(k);
            assertThat(records.stream().mapToLong(LeakRecord::directBytes).sum()).as("%s bytes", k).isEqualTo(expected[0]);
            assertThat(records.stream().mapToLong(LeakRecord::blocks).sum()).as("%s blocks", k).isEqualTo(expected[1]);
            for (LeakRecord r : records) {
                assertThat(r.bytes()).isEqualTo(r.directBytes() + r.indirectBytes());
                assertThat(r.stack().isEmpty()).isFalse();
            }
        }
    }

    /** The table the CLI prints has, per kind, exactly valgrind's own LEAK SUMMARY numbers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void table_totals_equal_the_leak_summary(Path p) throws IOException {
        RawLog raw = RawLog.read(p);
        if (raw.leakSummary().isEmpty()) return;
        TableResult t = Parsed.file(p).table();
        for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE, LeakKind.REACHABLE)) {
            long[] expected = raw.summaryTotal(k);
            assertThat(t.kinds().get(k)).as("%s", k).isEqualTo(new KindTotal(expected[0], expected[1]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void heap_summary_events_are_the_printed_ones(Path p) throws IOException {
        RawLog raw = RawLog.read(p);
        List<long[]> events = Parsed.file(p).of(HeapSummary.class).stream()
                .map(h -> new long[] {h.inUseBytes(), h.inUseBlocks(), h.allocs(), h.frees(), h.bytesAllocated()})
                .toList();
        assertThat(events).usingElementComparator((a, b) -> java.util.Arrays.equals(a, b) ? 0 : 1)
                .containsExactlyElementsOf(raw.heapSummaries());
    }

    /**
     * A trace-malloc log that also has valgrind's HEAP SUMMARY: following every traced call by address
     * leaves exactly "in use at exit" outstanding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void traced_calls_leave_what_valgrind_says_is_in_use_at_exit(Path p) throws IOException {
        RawLog raw = RawLog.read(p);
        if (raw.traceCallLines() == 0 || raw.heapSummaries().isEmpty()) return;
        TableResult t = Parsed.file(p).callTable();
        long[] heap = raw.heapSummaries().get(raw.heapSummaries().size() - 1);
        assertThat(t.liveBytes()).as("bytes in use at exit").isEqualTo(heap[0]);
        assertThat(t.liveBlocks()).as("blocks in use at exit").isEqualTo(heap[1]);
        assertThat(t.counts().unknownFrees()).isZero();
        assertThat(t.counts().doubleFrees()).isZero();
    }


    /** The in-use check above is not vacuous: most trace-malloc fixtures carry valgrind's HEAP SUMMARY. */
    @org.junit.jupiter.api.Test
    void the_in_use_check_covers_the_trace_malloc_fixtures() throws IOException {
        long checked = 0;
        for (Path p : captures().toList()) {
            RawLog raw = RawLog.read(p);
            if (raw.traceCallLines() > 0 && !raw.heapSummaries().isEmpty()) checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }
}
