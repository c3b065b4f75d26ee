package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.ToolError;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * valgrind's own XML regression expectations (filtered: {@code ...} and {@code 0x........} stand for
 * numbers, system frames removed). They must read without error; kinds and counts come out as written.
 */
class ValgrindXmlPeerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            valgrind-3.19.0__memcheck__tests__xml1.stderr.exp                          | 4 | 436 | InvalidFree=2 InvalidRead=1 SyscallParam=1 UninitCondition=1 UninitValue=1 | 1
            valgrind__memcheck__tests__xml1.stderr.exp                                 | 6 | 440 | InvalidFree=2 InvalidRead=1 SyscallParam=1 UninitCondition=1 UninitValue=1 | 1
            valgrind__memcheck__tests__client-msg-as-xml.stderr.exp                    | 6 | 93  | -                                            | 0
            valgrind__memcheck__tests__exit_on_first_error_with_xml.stderr.exp         | 6 | 67  | InvalidWrite=1                               | 0
            valgrind__memcheck__tests__gone_abrt_xml.stderr.exp                        | 6 | 65  | FatalSignal=1                                | 0
            valgrind__memcheck__tests__long_namespace_xml.stderr.exp                   | 6 | 101 | InvalidWrite=1                               | 0
            valgrind__memcheck__tests__mismatches_xml.stderr.exp                       | 6 | 333 | MismatchedFree=6                             | 0
            valgrind__memcheck__tests__posix_memalign_xml.stderr.exp                   | 6 | 335 | InvalidAlignment=9 InvalidSize=1             | 0
            valgrind__memcheck__tests__realloc_size_zero_xml.stderr.exp                | 6 | 87  | ReallocSizeZero=1                            | 0
            valgrind__memcheck__tests__sized_aligned_new_delete_misaligned1_xml.stderr.exp | 6 | 623 | InvalidAlignment=10 MismatchedAllocateDeallocateAlignment=6 | 0
            valgrind__memcheck__tests__threadname_xml.stderr.exp                       | 6 | 334 | InvalidWrite=5                               | 0
            """)
    void peer_samples_read_with_their_kinds_and_counts(String name, int protocol, long lines, String kinds, int leaks)
            throws IOException {
        Path p = TestFiles.peer(name);
        XmlRun run = XmlRun.parse(p);
        assertThat(run.ctx().variant()).isEqualTo("protocol " + protocol);
        assertThat(run.diag().lines()).isEqualTo(lines).isEqualTo(XmlRun.physicalLines(Files.readAllBytes(p)));
        Map<String, Long> byKind = run.errors().stream()
                .collect(Collectors.groupingBy(ToolError::kind, TreeMap::new, Collectors.counting()));
        String got = byKind.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        assertThat(got.isEmpty() ? "-" : got).isEqualTo(kinds);
        assertThat(run.leaks()).hasSize(leaks);
        assertThat(run.diag().warnings()).isZero();
        assertThat(run.errors()).allSatisfy(e -> assertThat(e.stack().isEmpty()).isEqualTo(e.kind().equals("SyscallParam")));
    }

    @Test
    void the_leak_record_with_placeholder_record_numbers_keeps_its_bytes() throws IOException {
        for (String name : new String[] {"valgrind-3.19.0__memcheck__tests__xml1.stderr.exp",
                "valgrind__memcheck__tests__xml1.stderr.exp"}) {
            LeakRecord r = XmlRun.parse(TestFiles.peer(name)).leaks().get(0);
            assertThat(r.kind()).isEqualTo(LeakKind.DEFINITE);
            assertThat(r.bytes()).isEqualTo(396);
            assertThat(r.directBytes()).isEqualTo(396);
            assertThat(r.blocks()).isEqualTo(1);
            assertThat(r.recordNumber()).isZero(); // "loss record ... of ..."
            assertThat(r.stack().frames().get(0).ip()).isZero(); // 0x........
            assertThat(r.stack().frames().get(0).file()).isEqualTo("vg_replace_malloc.c"); // <dir>...</dir> dropped
            assertThat(r.stack().frames().get(0).fileLine()).isZero(); // <line>...</line>
        }
    }

    @Test
    void protocol_6_placeholder_summaries_are_noted_not_invented() throws IOException {
        XmlRun run = XmlRun.parse(TestFiles.peer("valgrind__memcheck__tests__xml1.stderr.exp"));
        assertThat(run.all(io.heapsift.event.HeapSummary.class)).isEmpty();
        assertThat(run.all(io.heapsift.event.LeakSummary.class)).isEmpty();
        assertThat(run.diag().notes()).containsEntry("filtered placeholders ('...') instead of numbers", 3L);
        assertThat(run.diag().skipped()).isZero();
    }

    @Test
    void program_output_between_elements_is_skipped_on_its_own_lines() throws IOException {
        XmlRun run = XmlRun.parse(TestFiles.peer("valgrind__memcheck__tests__gone_abrt_xml.stderr.exp"));
        assertThat(run.diag().skippedByReason()).containsExactly(Map.entry("program output", 2L));
        assertThat(run.diag().messages()).extracting(d -> d.line() + ":" + d.message())
                .containsExactly("32:program output: \"starting ...\"", "33:program output: \"aborting ...\"");
        ToolError fatal = run.errors().get(0);
        assertThat(fatal.kind()).isEqualTo("FatalSignal");
        assertThat(fatal.what()).isEqualTo("Process terminating with default action of signal 6 (SIGABRT)");
        assertThat(fatal.stack().top().function()).isEqualTo("main");
        assertThat(run.all(ProcessExit.class)).singleElement().extracting(ProcessExit::signal).isEqualTo("SIGABRT");
    }

    @Test
    void client_messages_are_noted() throws IOException {
        XmlRun run = XmlRun.parse(TestFiles.peer("valgrind__memcheck__tests__client-msg-as-xml.stderr.exp"));
        assertThat(run.events()).isEmpty();
        assertThat(run.diag().notes()).containsEntry("client messages (VALGRIND_PRINTF)", 1L);
        assertThat(run.ctx().facts()).containsEntry("command", "./client-msg"); // from <argv>: the preamble is filtered
    }
}
