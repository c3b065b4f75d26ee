package io.heapsift.ingest.valgrind;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.ToolError;
import io.heapsift.table.KindTotal;
import io.heapsift.table.TableResult;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real valgrind 3.19 captures made for this parser (src/test/resources/valgrind, see its README):
 * errors other than FishyValue, a fork, -v, client messages and aborts.
 */
class ValgrindCapturesTest {

    private static Parsed capture(String name) {
        try {
            Parsed p = Parsed.file(Path.of(ValgrindCapturesTest.class.getResource("/valgrind/" + name).toURI()));
            assertThat(p.summary().skipped()).as("skipped lines in %s", name).isZero();
            return p;
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void invalid_free_is_one_error_with_its_stack_and_aux_stacks_are_not_mixed_in() {
        Parsed p = capture("errs-fork.log");
        List<ToolError> errors = p.of(ToolError.class);
        assertThat(errors).hasSize(1);
        ToolError e = errors.get(0);
        assertThat(e.kind()).isEqualTo("InvalidFree");
        assertThat(e.what()).isEqualTo("Invalid free() / delete / delete[] / realloc()");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.stack().frames()).containsExactly(
                new Frame("free", -1, "/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so", null, 0, 0x484417BL),
                new Frame("main", -1, null, "errs.c", 9, 0x1091EDL));
        assertThat(p.table().counts().toolErrors()).isEqualTo(1);
    }

    @Test
    void a_fork_gives_two_processes_whose_summaries_and_records_all_count() {
        Parsed p = capture("errs-fork.log");
        assertThat(p.summary().notes()).containsEntry("processes in the log", 2L);
        assertThat(p.of(ProcessExit.class)).extracting(ProcessExit::pid).containsExactly(13575, 13565);
        assertThat(p.of(ProcessExit.class)).extracting(ProcessExit::signal).containsOnly("SIGTRAP");
        // child 13575: 4 reachable records; parent 13565: 1 definite + 1 reachable
        assertThat(p.of(LeakRecord.class)).hasSize(6);
        TableResult t = p.table();
        for (LeakKind k : List.of(LeakKind.DEFINITE, LeakKind.REACHABLE)) {
            long bytes = p.summaries(k).stream().mapToLong(LeakSummary::bytes).sum();
            long blocks = p.summaries(k).stream().mapToLong(LeakSummary::blocks).sum();
            assertThat(t.kinds().get(k)).isEqualTo(new KindTotal(bytes, blocks));
        }
        // the child's trace line (malloc(44)) is read like the parent's
        assertThat(p.of(Alloc.class)).extracting(Alloc::size).contains(44L);
        assertThat(p.of(AllocatorCall.class)).hasSize(1);
        assertThat(p.summary().notes()).containsEntry("malloc_usable_size calls", 1L);
    }

    @Test
    void below_main_and_inlined_frames_are_kept_as_printed() {
        Parsed p = capture("errs-fork.log");
        LeakRecord stdout = p.of(LeakRecord.class).get(3);
        assertThat(stdout.bytes()).isEqualTo(4096);
        List<Frame> f = stdout.stack().frames();
        assertThat(f.get(0).function()).isEqualTo("malloc");       // valgrind's allocator stays innermost
        assertThat(f.get(2).ip()).isEqualTo(f.get(3).ip());        // an inlined frame repeats the IP
        assertThat(f.get(2).fileLine()).isEqualTo(347);
        assertThat(f.get(3).fileLine()).isEqualTo(342);
        assertThat(f.get(4).function()).isEqualTo("_IO_file_overflow@@GLIBC_2.2.5");
        ProcessExit parentExit = p.of(ProcessExit.class).get(1);
        assertThat(parentExit.line()).isEqualTo(71);
    }

    @Test
    void segv_and_invalid_read_in_a_forked_log() {
        Parsed p = capture("errs-segv.log");
        assertThat(p.of(ToolError.class)).extracting(ToolError::kind).containsExactly("InvalidFree", "InvalidRead");
        assertThat(p.of(ProcessExit.class)).extracting(ProcessExit::signal).contains("SIGSEGV");
    }

    @Test
    void verbose_chatter_is_recognized_and_relisted_errors_are_not_counted_twice() {
        Parsed p = capture("errs-v.log");
        assertThat(p.of(ToolError.class)).hasSize(1);
        assertThat(p.summary().notes()).containsEntry("errors listed again by -s/-v", 2L);
        assertThat(p.summary().notes().get("informational lines")).isEqualTo(96L);
        assertThat(p.summary().facts()).containsEntry("tool", "valgrind-3.19.0-8d3c8034b8-20220411")
                .containsEntry("command", "./errs").containsEntry("parent pid", "13563");
        assertThat(p.summary().formatId()).isEqualTo(ValgrindLogParser.MEMCHECK_ID);
    }

    @Test
    void mismatched_frees_map_to_the_xml_kind() {
        Parsed p = capture("mism.log");
        assertThat(p.of(ToolError.class)).extracting(ToolError::kind).containsExactly("MismatchedFree", "MismatchedFree",
                "MismatchedFree");
        assertThat(p.of(ToolError.class).get(0).stack().top().function()).isEqualTo("operator delete(void*, unsigned long)");
    }

    @Test
    void client_messages_and_aborts_are_not_errors() {
        for (String name : List.of("pv.log", "pv-q.log", "nf.log", "pv-nocheck.log")) {
            Parsed p = capture(name);
            assertThat(p.of(ToolError.class)).as(name).isEmpty();
            assertThat(p.summary().notes().get("client messages")).as(name).isPositive();
        }
        assertThat(capture("pv.log").summary().formatId()).isEqualTo(ValgrindLogParser.TRACE_MALLOC_ID);
        assertThat(capture("pv-q.log").summary().facts()).doesNotContainKey("tool");
    }
}
