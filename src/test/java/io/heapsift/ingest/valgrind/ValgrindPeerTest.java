package io.heapsift.ingest.valgrind;

import io.heapsift.event.Alloc;
import io.heapsift.event.Free;
import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.TraceInput;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * valgrind's own regression-test expectations (memcheck/tests/*.stderr.exp, gdbserver_tests/mcleak):
 * no prefixes, masked addresses and numbers. The only skipped lines are the test programs' own
 * output ("leaked: 80 bytes in 5 blocks", "expecting details ...", "destruct MyClass"), counted here
 * one by one; the XML ones belong to the XML format and are refused.
 */
class ValgrindPeerTest {

    /** file | format | program-output lines | leak records | leak summary lines | heap summaries | errors | allocs | frees */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            valgrind-3.19.0__memcheck__tests__cxx17_aligned_new.stderr.exp  | valgrind-trace-malloc |  0 |  0 |  0 | 1 | 0 | 10 | 10
            valgrind__memcheck__tests__cxx17_aligned_new.stderr.exp         | valgrind-trace-malloc |  0 |  0 |  0 | 1 | 0 | 12 | 12
            valgrind__memcheck__tests__sized_delete.stderr.exp              | valgrind-trace-malloc |  0 |  0 |  0 | 0 | 0 |  2 |  2
            valgrind-3.19.0__memcheck__tests__leak-cases-full.stderr.exp    | valgrind-memcheck     |  4 |  9 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-cases-full.stderr.exp           | valgrind-memcheck     |  4 |  9 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-cases-exit-on-definite.stderr.exp | valgrind-memcheck   |  4 |  7 |  5 | 1 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-cases-possible.stderr.exp       | valgrind-memcheck     |  0 |  3 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-cycle.stderr.exp                | valgrind-memcheck     |  4 |  4 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-tree.stderr.exp                 | valgrind-memcheck     |  4 |  2 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-delta.stderr.exp                | valgrind-memcheck     | 16 | 18 |  0 | 0 | 0 |  0 |  0
            valgrind__gdbserver_tests__mcleak.stderr.exp                    | valgrind-memcheck     | 16 |  6 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-segv-jmp.stderr.exp             | valgrind-memcheck     | 13 |  5 | 30 | 1 | 0 |  0 |  0
            valgrind__memcheck__tests__leak_cpp_interior.stderr.exp-64bit   | valgrind-memcheck     | 25 |  1 | 32 | 1 | 0 |  0 |  0
            valgrind__memcheck__tests__lks.stderr.exp                       | valgrind-memcheck     |  4 |  5 | 10 | 1 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-autofreepool-2.stderr.exp       | valgrind-memcheck     |  0 |  0 |  0 | 1 | 0 |  0 |  0
            valgrind__memcheck__tests__leak-pool-0.stderr.exp               | valgrind-memcheck     |  0 |  0 |  0 | 1 | 0 |  0 |  0
            valgrind__memcheck__tests__trivialleak.stderr.exp               | valgrind-memcheck     |  0 |  1 |  0 | 0 | 0 |  0 |  0
            valgrind__memcheck__tests__linux__dlclose_leak.stderr.exp       | valgrind-memcheck     |  1 |  2 |  0 | 0 | 3 |  0 |  0
            valgrind__memcheck__tests__malloc1_ks_alloc_and_free.stderr.exp | valgrind-memcheck     |  0 |  0 |  0 | 0 | 2 |  0 |  0
            valgrind__memcheck__tests__mismatches.stderr.exp                | valgrind-memcheck     |  0 |  0 |  0 | 0 | 6 |  0 |  0
            """)
    void regression_test_file_parses(String name, String format, long programOutput, int records, int summaries,
                                     int heap, int errors, int allocs, int frees) throws Exception {
        Path p = TestFiles.peer(name);
        assertThat(Parsed.REGISTRY.detect(TraceInput.of(p).sample()).id()).isEqualTo(format);
        Parsed parsed = Parsed.file(p);
        assertThat(parsed.summary().formatId()).isEqualTo(format);
        assertThat(parsed.summary().variant()).isEqualTo("regression-test .exp (no prefixes)");
        if (programOutput == 0) assertThat(parsed.summary().skippedByReason()).isEmpty();
        else assertThat(parsed.summary().skippedByReason()).isEqualTo(Map.of("program output", programOutput));
        assertThat(parsed.of(LeakRecord.class)).hasSize(records);
        assertThat(parsed.of(LeakSummary.class)).hasSize(summaries);
        assertThat(parsed.of(HeapSummary.class)).hasSize(heap);
        assertThat(parsed.of(ToolError.class)).hasSize(errors);
        assertThat(parsed.of(Alloc.class)).hasSize(allocs);
        assertThat(parsed.of(Free.class)).hasSize(frees);
    }

    /** After filtering, these files hold only the test program's own lines: there is nothing of valgrind to read. */
    @ParameterizedTest
    @CsvSource({"valgrind__memcheck__tests__leak-0.stderr.exp", "valgrind__memcheck__tests__leak-cases-summary.stderr.exp"})
    void files_with_only_program_output_are_refused(String name) {
        Path p = TestFiles.peer(name);
        assertThatThrownBy(() -> Parsed.REGISTRY.detect(TraceInput.of(p).sample()))
                .isInstanceOf(TraceInputException.class).hasMessageContaining("unrecognized capture format");
        assertThatThrownBy(() -> new Ingest(Parsed.REGISTRY).parse(p, ValgrindLogParser.MEMCHECK_ID, e -> { }))
                .isInstanceOf(TraceInputException.class).hasMessageContaining("no line of this input is valgrind-memcheck");
    }

    @ParameterizedTest
    @CsvSource({"valgrind-3.19.0__memcheck__tests__xml1.stderr.exp", "valgrind__memcheck__tests__xml1.stderr.exp",
            "valgrind__memcheck__tests__mismatches_xml.stderr.exp", "valgrind__memcheck__tests__gone_abrt_xml.stderr.exp",
            "valgrind__memcheck__tests__posix_memalign_xml.stderr.exp"})
    void xml_files_are_not_ours(String name) throws Exception {
        var sample = TraceInput.of(TestFiles.peer(name)).sample();
        assertThat(new MemcheckTextFormat().probe(sample)).isZero();
        assertThat(new TraceMallocFormat().probe(sample)).isZero();
    }

    @Test
    void lks_records_add_up_to_its_final_leak_summary() {
        Parsed p = Parsed.file(TestFiles.peer("valgrind__memcheck__tests__lks.stderr.exp"));
        List<LeakSummary> last = p.of(LeakSummary.class).subList(5, 10);
        for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.INDIRECT)) {
            LeakSummary s = last.stream().filter(x -> x.kind() == k).findFirst().orElseThrow();
            assertThat(p.records(k).stream().mapToLong(LeakRecord::directBytes).sum()).isEqualTo(s.bytes());
            assertThat(p.records(k).stream().mapToLong(LeakRecord::blocks).sum()).isEqualTo(s.blocks());
        }
    }

    @Test
    void delta_records_keep_the_current_values_and_masked_numbers_read_as_unknown() {
        Parsed p = Parsed.file(TestFiles.peer("valgrind__memcheck__tests__leak-delta.stderr.exp"));
        // "0 (-10) bytes in 0 (-1) blocks are still reachable in loss record ... of ..."
        LeakRecord gone = p.of(LeakRecord.class).get(5);
        assertThat(gone.line()).isEqualTo(33);
        assertThat(gone.kind()).isEqualTo(LeakKind.REACHABLE);
        assertThat(gone.bytes()).isZero();
        assertThat(gone.blocks()).isZero();
        assertThat(gone.recordNumber()).isZero();
        assertThat(gone.stack().frames()).extracting(f -> f.function()).containsExactly("malloc", "f", "main");
        assertThat(gone.stack().top().file()).isEqualTo("vg_replace_malloc.c");
        assertThat(gone.stack().top().fileLine()).isZero();
        assertThat(gone.stack().top().ip()).isZero();
        assertThat(p.summary().notes()).containsKey("leak records with changes (leak-delta)");
        LeakRecord x = Parsed.file(TestFiles.peer("valgrind__memcheck__tests__leak_cpp_interior.stderr.exp-64bit"))
                .of(LeakRecord.class).get(0);
        assertThat(x.bytes()).isEqualTo(TraceEvent.NO_SIZE);
        assertThat(x.blocks()).isEqualTo(1);
    }

    @Test
    void mismatches_keep_the_filtered_operator_names() {
        Parsed p = Parsed.file(TestFiles.peer("valgrind__memcheck__tests__mismatches.stderr.exp"));
        ToolError first = p.of(ToolError.class).get(0);
        assertThat(first.kind()).isEqualTo("MismatchedFree");
        assertThat(first.stack().top().function()).isEqualTo("...operator delete...");
        assertThat(first.stack().frames().get(1).display()).isEqualTo("main (mismatches.cpp:6)");
    }
}
