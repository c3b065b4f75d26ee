package io.heapsift.ingest.valgrind;

import io.heapsift.event.Frame;
import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ToolError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** memcheck text shapes of formats.md §2 that the fixtures do not show, as hand-written snippets. */
class MemcheckLinesTest {

    private static Parsed parse(String... lines) {
        Parsed p = Parsed.text(String.join("\n", lines) + "\n");
        assertThat(p.summary().skippedByReason()).as("skips").isEmpty();
        return p;
    }

    @Test
    void grouped_numbers_split_totals_and_new_records() {
        Parsed p = parse(
                "==1== 1,234,567 (1,000,000 direct, 234,567 indirect) bytes in 1,000 blocks are definitely lost in loss record 12 of 1,234",
                "==1==    at 0x48417B4: malloc (vg_replace_malloc.c:381)",
                "==1== ",
                "==1== 10 (+10) bytes in 1 (+1) blocks are possibly lost in new loss record 3 of 5",
                "==1==    at 0x48417B4: malloc (vg_replace_malloc.c:381)");
        assertThat(p.of(LeakRecord.class)).extracting(LeakRecord::kind, LeakRecord::bytes, LeakRecord::directBytes,
                        LeakRecord::indirectBytes, LeakRecord::blocks, LeakRecord::recordNumber, LeakRecord::recordCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LeakKind.DEFINITE, 1_234_567L, 1_000_000L, 234_567L, 1000L, 12, 1234),
                        org.assertj.core.groups.Tuple.tuple(LeakKind.POSSIBLE, 10L, 10L, 0L, 1L, 3, 5));
        assertThat(p.of(LeakRecord.class).get(1).line()).isEqualTo(4);
    }

    @Test
    void frame_descriptions_take_the_last_location_group() {
        Parsed p = parse(
                "==1== 8 bytes in 1 blocks are still reachable in loss record 1 of 1",
                "==1==    at 0x4841F2F: operator new(unsigned long) (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==1==    by 0x1092BE: call(int (*)(int), std::pair<int, int>) (dir/x y.cpp:42)",
                "==1==    by 0x10A000: ??? (in ???)",
                "==1==    by 0x10A001: ???",
                "==1==    by 0x10A002: operator()(int) const (in /opt/my lib/libz.so.1)",
                "==1==    by 0x4882250: (below main) (libc_start_call_main.h:74)");
        List<Frame> f = p.of(LeakRecord.class).get(0).stack().frames();
        assertThat(f).containsExactly(
                new Frame("operator new(unsigned long)", -1, "/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so", null, 0, 0x4841F2FL),
                new Frame("call(int (*)(int), std::pair<int, int>)", -1, null, "dir/x y.cpp", 42, 0x1092BEL),
                new Frame("???", -1, "???", null, 0, 0x10A000L),
                new Frame("???", -1, null, null, 0, 0x10A001L),
                new Frame("operator()(int) const", -1, "/opt/my lib/libz.so.1", null, 0, 0x10A002L),
                new Frame("(below main)", -1, null, "libc_start_call_main.h", 74, 0x4882250L));
    }

    @Test
    void valgrind_before_3_5_summaries() {
        Parsed p = parse(
                "==1== malloc/free: in use at exit: 20 bytes in 2 blocks.",
                "==1== malloc/free: 3 allocs, 1 frees, 30 bytes allocated.",
                "==1== ",
                "==1== LEAK SUMMARY:",
                "==1==    definitely lost: 16 bytes in 1 blocks.",
                "==1==      possibly lost: 0 bytes in 0 blocks.",
                "==1==    still reachable: 4 bytes in 1 blocks.",
                "==1==         suppressed: 0 bytes in 0 blocks.");
        assertThat(p.of(HeapSummary.class)).containsExactly(new HeapSummary(2, 20, 2, 3, 1, 30));
        assertThat(p.of(LeakSummary.class)).extracting(LeakSummary::kind).containsExactly(LeakKind.DEFINITE,
                LeakKind.POSSIBLE, LeakKind.REACHABLE, LeakKind.SUPPRESSED);
    }

    @Test
    void heuristic_breakdown_inside_a_leak_summary() {
        Parsed p = parse(
                "==7== LEAK SUMMARY:",
                "==7==    definitely lost: 0 bytes in 0 blocks",
                "==7==    indirectly lost: 0 bytes in 0 blocks",
                "==7==      possibly lost: 0 bytes in 0 blocks",
                "==7==    still reachable: 180 bytes in 8 blocks",
                "==7==                       of which reachable via heuristic:",
                "==7==                         stdstring          : 56 bytes in 2 blocks",
                "==7==                         multipleinheritance: 24 bytes in 2 blocks",
                "==7==         suppressed: 0 bytes in 0 blocks",
                "==7== Reachable blocks (those to which a pointer was found) are not shown.",
                "==7== To see them, rerun with: --leak-check=full --show-leak-kinds=all");
        assertThat(p.of(LeakSummary.class)).hasSize(5);
        assertThat(p.summaries(LeakKind.REACHABLE).get(0).bytes()).isEqualTo(180);
    }

    @Test
    void thread_headers_nesting_suppressions_and_fatal_messages() {
        Parsed p = parse(
                "==5== Thread 3 worker:",
                "==5== Invalid write of size 4",
                "==5==    at 0x109200: worker (t.c:9)",
                "==5==  Address 0x4a4a0a8 is 0 bytes after a block of size 8 alloc'd",
                "==5==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==5== ",
                ">==6== Thread 2:",
                ">==6== Conditional jump or move depends on uninitialised value(s)",
                "==5== ",
                ">==6==    at 0x109300: inner (u.c:3)",
                ">==6== ",
                "--5-- used_suppression:      1 my-leak /tmp/x.supp:2 suppressed: 16 bytes in 1 blocks",
                "valgrind: Unknown option: --bogus-option",
                "valgrind: Use --help for more information or consult the user manual.");
        assertThat(p.of(ToolError.class)).extracting(ToolError::kind, ToolError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("InvalidWrite", 2L),
                        org.assertj.core.groups.Tuple.tuple("UninitCondition", 8L));
        assertThat(p.of(ToolError.class).get(0).stack().frames()).hasSize(1);
        assertThat(p.summary().warnings()).isEqualTo(2);
        assertThat(p.summary().messages()).extracting(Object::toString)
                .anyMatch(m -> m.endsWith(":13:1: warning: valgrind: Unknown option: --bogus-option"));
    }

    @Test
    void a_record_cut_by_the_end_of_the_file_is_kept() {
        Parsed p = parse(
                "==1== 16 bytes in 1 blocks are definitely lost in loss record 1 of 1",
                "==1==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)");
        assertThat(p.of(LeakRecord.class)).hasSize(1);
        assertThat(p.of(LeakRecord.class).get(0).stack().frames()).hasSize(1);
    }
}
