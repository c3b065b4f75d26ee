package io.heapsift.ingest.ltrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.Frame;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written snippets for the cases of formats.md §5 the real captures cannot show (or show rarely). */
class LtraceEdgeCasesTest {

    @TempDir
    Path dir;

    private Parsed parse(String... lines) {
        return Parsed.text(dir, String.join("\n", lines) + "\n");
    }

    private static final String PAD = "                                        ";

    @Test
    void w_frames_of_ltrace_073_libunwind() {
        Parsed p = parse("leak->malloc(100)" + PAD + "= 0x561d8526d2a0",
                "\t\t\tmalloc (ip = 0x7f5a1c8f7e10)", "\t\t\t (ip = 0x561d85262189)", "\t\t\tmain (ip = 0x561d852621a9)", "",
                "leak->free(0x561d8526d2a0)" + PAD + "= <void>", "\t\t\tfree (ip = 0x7f5a1c8f8000)", "");
        assertThat(p.summary().skipped()).isZero();
        Alloc a = (Alloc) p.events().get(0);
        assertThat(a.stack().frames()).containsExactly(new Frame("malloc", -1, null, null, 0, 0x7f5a1c8f7e10L),
                new Frame("[unknown]", -1, null, null, 0, 0x561d85262189L), new Frame("main", -1, null, null, 0, 0x561d852621a9L));
        assertThat(((Free) p.events().get(1)).stack().frames()).hasSize(1);
        assertThat(p.summary().variant()).contains("-w");
    }

    @Test
    void w_frames_of_later_ltrace_libunwind_and_libdw() {
        Parsed p = parse("malloc(32) = 0x5555",
                " > /usr/lib/x86_64-linux-gnu/libc.so.6(malloc+0x1a) [0x7f0012345678]",
                " > /home/u/leak(leaf+(nil)) [0x555555555189]",
                " > unmapped_area(???) [0x7f0000000001]",
                " > Error: unspecified (general) error",
                "",
                "malloc(48) = 0x6666",
                " > /usr/lib64/libc.so.6(__libc_malloc+0x5e) [7f3a2b1c0d5e]",
                "\t/usr/src/debug/glibc/malloc/malloc.c:3288:10",
                " > (null)((null)+0x0) [401136]",
                " > [...]",
                "");
        assertThat(p.summary().skipped()).isZero();
        assertThat(((Alloc) p.events().get(0)).stack().frames()).containsExactly(
                new Frame("malloc", 0x1a, "/usr/lib/x86_64-linux-gnu/libc.so.6", null, 0, 0x7f0012345678L),
                new Frame("leaf", 0, "/home/u/leak", null, 0, 0x555555555189L),
                new Frame("[unknown]", -1, "unmapped_area", null, 0, 0x7f0000000001L));
        assertThat(((Alloc) p.events().get(1)).stack().frames()).containsExactly(
                new Frame("__libc_malloc", 0x5e, "/usr/lib64/libc.so.6", "/usr/src/debug/glibc/malloc/malloc.c", 3288, 0x7f3a2b1c0d5eL),
                new Frame("[unknown]", 0, null, null, 0, 0x401136L));
        assertThat(p.summary().notes()).containsEntry("unwind errors (-w)", 1L).containsEntry("stack lists cut short (-w)", 1L);
    }

    @Test
    void frame_lines_not_after_a_completed_call_are_stray() {
        Parsed p = parse("malloc(1 <unfinished ...>", " > /lib/libc.so.6(malloc+0x1a) [0x7f0012345678]",
                "<... malloc resumed> )" + PAD + "= 0x10", "+++ exited (status 0) +++", "\t\t\tmain (ip = 0x1)");
        assertThat(p.summary().skippedByReason()).containsOnly(org.assertj.core.api.Assertions.entry("stray frame line", 2L));
        assertThat(p.events()).hasSize(2);
    }

    @Test
    void clock_times_wrap_at_midnight_and_r_deltas_accumulate() {
        Parsed tt = parse("23:59:59.999000 malloc(1)" + PAD + "= 0x10", "00:00:00.000500 malloc(2)" + PAD + "= 0x20",
                "23:59:59.999900 malloc(3)" + PAD + "= 0x30", "00:00:01.000000 malloc(4)" + PAD + "= 0x40");
        assertThat(tt.events()).extracting(e -> ((Alloc) e).timeNs()).containsExactly(86_399_999_000_000L, 86_400_000_500_000L,
                86_399_999_900_000L, 86_401_000_000_000L);
        Parsed r = parse("  0.000000 malloc(1)" + PAD + "= 0x10", "  0.000150 malloc(2)" + PAD + "= 0x20",
                "  1.500000 +++ exited (status 0) +++");
        assertThat(r.events()).extracting(e -> e instanceof Alloc a ? a.timeNs() : ((ProcessExit) e).timeNs())
                .containsExactly(0L, 150_000L, 1_500_150_000L);
        Parsed ttt = parse("1795320864.080145 malloc(1)" + PAD + "= 0x10");
        assertThat(((Alloc) ttt.events().get(0)).timeNs()).isEqualTo(1_795_320_864_080_145_000L);
        Parsed t = parse("04:14:27 malloc(1)" + PAD + "= 0x10");
        assertThat(((Alloc) t.events().get(0)).timeNs()).isEqualTo((4 * 3600 + 14 * 60 + 27) * 1_000_000_000L);
    }

    @Test
    void null_spellings_and_huge_sizes() {
        Parsed p = parse("free(0) = <void>", "free(nil) = <void>", "free(NULL) = <void>", "malloc(18446744073709551615)" + PAD + "= 0",
                "malloc(10)" + PAD + "= nil", "calloc(4294967296, 4294967296)" + PAD + "= 0");
        assertThat(p.events()).extracting(Parsed::describe).containsExactly(
                "1 free FREE t=-9223372036854775808 tid=0 addr=0 size=-9223372036854775808 []",
                "2 free FREE t=-9223372036854775808 tid=0 addr=0 size=-9223372036854775808 []",
                "3 free FREE t=-9223372036854775808 tid=0 addr=0 size=-9223372036854775808 []",
                "4 alloc MALLOC t=-9223372036854775808 tid=0 size=-1 addr=0 align=0 []",
                "5 alloc MALLOC t=-9223372036854775808 tid=0 size=10 addr=0 align=0 []",
                "6 alloc CALLOC t=-9223372036854775808 tid=0 size=-1 addr=0 align=0 []");
    }

    @Test
    void nested_levels_fold_into_the_outermost_call() {
        Parsed p = parse(
                "cxx->operator new(unsigned long)(0, 1, 2, 3 <unfinished ...>",            // new(0) -> malloc(1)
                "libstdc++.so.6->malloc(1)" + PAD + "= 0x100",
                "<... operator new(unsigned long) resumed> )" + PAD + "= 0x100",
                "cxx->operator new(unsigned long, std::align_val_t)(100, 64, 0, 0 <unfinished ...>",
                "libstdc++.so.6->aligned_alloc(64, 128, 0, 0)" + PAD + "= 0x200",     // size rounded up to the alignment
                "<... operator new(unsigned long, std::align_val_t) resumed> )" + PAD + "= 0x200",
                "posix_memalign(0x7ffe0, 16, 24, 0 <unfinished ...>",                    // alignment <= 16 -> malloc
                "malloc@libc.so.6(24)" + PAD + "= 0x300",
                "<... posix_memalign resumed> )" + PAD + "= 0",
                "realloc(0x300, 0 <unfinished ...>",
                "free@libc.so.6(0x300)" + PAD + "= <void>",
                "<... realloc resumed> )" + PAD + "= 0",
                "realloc(0x400, 64 <unfinished ...>",
                "malloc@libc.so.6(8)" + PAD + "= 0x500",                                  // not this allocation: kept
                "<... realloc resumed> )" + PAD + "= 0x600",
                "mallinfo2(0x7ffd0, 0, 0, 0 <unfinished ...>",
                "mallinfo2@libc.so.6(0x7ffd0, 0, 0, 0)" + PAD + "= 0x7ffd0",
                "<... mallinfo2 resumed> )" + PAD + "= 0x7ffd0");
        assertThat(p.events()).extracting(Parsed::describe).containsExactly(
                "3 alloc NEW t=-9223372036854775808 tid=0 size=0 addr=100 align=0 []",
                "6 alloc NEW t=-9223372036854775808 tid=0 size=100 addr=200 align=64 []",
                "9 alloc POSIX_MEMALIGN t=-9223372036854775808 tid=0 size=24 addr=300 align=16 []",
                "12 realloc t=-9223372036854775808 tid=0 old=300 size=0 new=0 []",
                "14 alloc MALLOC t=-9223372036854775808 tid=0 size=8 addr=500 align=0 []",
                "15 realloc t=-9223372036854775808 tid=0 old=400 size=64 new=600 []",
                "AllocatorCall[line=18, timeNs=-9223372036854775808, tid=0, kind=MALLINFO, arg0=0, arg1=0, result=524240]");
        assertThat(p.summary().notes()).containsEntry("nested allocator calls folded into their outermost call", 5L)
                .containsEntry("nested allocator calls kept (arguments differ from the enclosing call)", 1L);
    }

    @Test
    void allocator_control_calls() {
        Parsed p = parse("malloc_trim(0)" + PAD + "= 1", "mallopt(-8, 2)" + PAD + "= 1", "mallinfo(0x7ffd0)" + PAD + "= 0x7ffd0");
        assertThat(p.events()).extracting(e -> ((AllocatorCall) e).kind()).containsExactly(AllocatorCall.Kind.MALLOC_TRIM,
                AllocatorCall.Kind.MALLOPT, AllocatorCall.Kind.MALLINFO);
        assertThat(((AllocatorCall) p.events().get(1)).arg0()).isEqualTo(-8);
    }

    @Test
    void split_calls_pair_per_thread_lifo_and_lost_returns_are_flushed() {
        Parsed p = parse(
                "[pid 11] malloc(16 <unfinished ...>",
                "[pid 10] malloc(32 <unfinished ...>",
                "[pid 11] <... malloc resumed> )" + PAD + "= 0x11",
                "[pid 10] free(0x99 <no return ...>",
                "[pid 11] +++ exited (status 0) +++",
                "[pid 10] <... free resumed> )" + PAD + "= <void>",       // pairs with the inner open free (LIFO)
                "[pid 10] <... malloc resumed> )" + PAD + "= 0x10",
                "[pid 12] realloc(0x11, 64 <unfinished ...>",
                "[pid 12] malloc(8 <unfinished ...>",
                "[pid 12] <... realloc resumed> )" + PAD + "= 0x13",      // malloc's return was lost
                "[pid 12] free(0x13 <unfinished ...>",
                "[pid 12] +++ killed by SIGKILL +++",
                "[pid 10] <... calloc resumed> )" + PAD + "= 0x77",       // began before the capture
                "[pid 10] +++ exited (status 3) +++");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.events()).extracting(Parsed::kind).containsExactly("alloc MALLOC", "thread-exit", "free FREE",
                "alloc MALLOC", "alloc MALLOC", "realloc", "free FREE", "thread-exit", "alloc CALLOC", "process-exit");
        assertThat(((Alloc) p.events().get(4)).address()).isEqualTo(TraceEvent.NO_ADDRESS); // the lost malloc(8)
        assertThat(((Alloc) p.events().get(4)).line()).isEqualTo(9);
        assertThat(((Free) p.events().get(6)).address()).isEqualTo(0x13);                   // free never returned: it happened
        assertThat(((Alloc) p.events().get(8)).size()).isEqualTo(TraceEvent.NO_SIZE);
        assertThat(((ThreadExit) p.events().get(1)).tid()).isEqualTo(11);
        assertThat(((ProcessExit) p.events().get(9)).pid()).isEqualTo(10);                  // lowest pid = leader
        assertThat(p.summary().notes()).containsEntry("calls never resumed", 2L).containsEntry("resumed lines without their call", 1L)
                .containsEntry("calls marked <no return ...>", 1L);
    }

    @Test
    void never_resumed_calls_at_the_end_of_the_input() {
        Parsed p = parse("5 malloc(16 <unfinished ...>", "6 free(0x20 <unfinished ...>", "5 operator new[](unsigned long)(8, 1 <unfinished ...>");
        assertThat(p.events()).extracting(Parsed::describe).containsExactly(
                "1 alloc MALLOC t=-9223372036854775808 tid=5 size=16 addr=ffffffffffffffff align=0 []",
                "2 free FREE t=-9223372036854775808 tid=6 addr=20 size=-9223372036854775808 []",
                "3 alloc NEW_ARRAY t=-9223372036854775808 tid=5 size=8 addr=ffffffffffffffff align=0 []");
    }

    @Test
    void ltrace_events_messages_and_program_output() {
        Parsed p = parse("hello from the program", "[pid 7] 04:14:33.1 --- SIGSEGV (Segmentation fault) ---",
                "[pid 7] --- Called exec() ---", "[pid 7] unexpected breakpoint at 0x55b8c5dcc429",
                "PTRACE_SINGLESTEP: No such process", "0 couldn't continue when handling free (0x55b8c5dcc030) at 0xffffffffffffffff",
                "disable_breakpoint pid=0, addr=0x55b8c5dcc030: No such process",
                "/etc/ltrace.conf:12: error: syntax error", "warning: something", "SYS_brk(0)" + PAD + "= 0x5555",
                "brk@SYS(nil)" + PAD + "= 0x5555", "strdup(\"a (b) \\\"c\\\"\")" + PAD + "= 0x10",
                "[pid 7] +++ exited (status 0) +++", "");
        assertThat(p.summary().skippedByReason()).containsOnly(org.assertj.core.api.Assertions.entry("program output", 2L));
        assertThat(p.summary().notes()).containsEntry("signal SIGSEGV", 1L).containsEntry("exec() calls", 1L)
                .containsEntry("unexpected breakpoints (ltrace)", 1L).containsEntry("ltrace's own messages", 5L)
                .containsEntry("system calls (no event)", 2L).containsEntry("other traced calls (no event)", 1L);
        assertThat(p.events()).hasSize(1);
    }

    @Test
    void demangled_names_with_parentheses_and_mangled_overloads() {
        assertThat(AllocFunction.classify("operator new[](unsigned long)").function()).isEqualTo(AllocFunction.NEW_ARRAY);
        assertThat(AllocFunction.classify("operator delete(void*, unsigned long, std::align_val_t)"))
                .isEqualTo(new AllocFunction.Signature(AllocFunction.DELETE, true, true));
        assertThat(AllocFunction.classify("operator new(unsigned long, std::nothrow_t const&)").function()).isEqualTo(AllocFunction.NEW);
        assertThat(AllocFunction.classify("operator new(unsigned long, void*)").function()).isEqualTo(AllocFunction.OTHER);
        assertThat(AllocFunction.classify("_ZnamSt11align_val_tRKSt9nothrow_t"))
                .isEqualTo(new AllocFunction.Signature(AllocFunction.NEW_ARRAY, true, false));
        assertThat(AllocFunction.classify("_ZdaPvmSt11align_val_t"))
                .isEqualTo(new AllocFunction.Signature(AllocFunction.DELETE_ARRAY, true, true));
        assertThat(AllocFunction.classify("_ZdlPvRKSt9nothrow_t").function()).isEqualTo(AllocFunction.DELETE);
        assertThat(AllocFunction.classify("_Znwj").function()).isEqualTo(AllocFunction.NEW);
        assertThat(AllocFunction.classify("_ZNSt6vectorIiSaIiEE9push_backERKi").function()).isEqualTo(AllocFunction.OTHER);
        assertThat(AllocFunction.classify("__libc_malloc").function()).isEqualTo(AllocFunction.MALLOC);
        Parsed p = parse("cxx->std::vector<int, std::allocator<int> >::push_back(int const&)(0x7ffd, 0x7ffe) = <void>",
                "cxx->operator delete[](void*)(0x10, 0, 0, 0)" + PAD + "= 0",
                "cxx->ns::Box<int, 8>::clone() const(0x7ffd, 1, 2, 3)" + PAD + "= 0x20",
                "_ZdlPvm(0x30, 48, 0, 1)" + PAD + "= 0");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.events()).extracting(Parsed::describe).containsExactly(
                "2 free DELETE_ARRAY t=-9223372036854775808 tid=0 addr=10 size=-9223372036854775808 []",
                "4 free DELETE t=-9223372036854775808 tid=0 addr=30 size=48 []");
    }

    @Test
    void i_prefix_gives_a_one_frame_stack_with_the_open_lines_address() {
        Parsed p = parse("[pid 3] [0x55990f8703a8] leaky->malloc(100 <unfinished ...>",
                "[pid 4] [0x55990f870400] leaky->free(0x1)" + PAD + "= <void>",
                "[pid 3] [0x7fffffff0000] <... malloc resumed> )" + PAD + "= 0x5599205102b0",
                "[pid 4] [(nil)] free(0x2)" + PAD + "= <void>");
        List<TraceEvent> ev = p.events();
        assertThat(((Free) ev.get(0)).stack().top()).isEqualTo(new Frame("[unknown]", -1, "leaky", null, 0, 0x55990f870400L));
        assertThat(((Alloc) ev.get(1)).stack().top()).isEqualTo(new Frame("[unknown]", -1, "leaky", null, 0, 0x55990f8703a8L));
        assertThat(((Free) ev.get(2)).stack().isEmpty()).isTrue();
        assertThat(((Free) ev.get(2)).kind()).isEqualTo(FreeKind.FREE);
    }

    @Test
    void reallocarray_and_memalign_family() {
        Parsed p = parse("reallocarray(0, 10, 8)" + PAD + "= 0x10", "reallocarray(0x10, 4294967296, 4294967296)" + PAD + "= 0",
                "valloc(10, 1, 0, 17)" + PAD + "= 0x1000", "pvalloc(10)" + PAD + "= 0x2000", "memalign(256, 300, 0, 3)" + PAD + "= 0x3000",
                "posix_memalign(0x7ffe, 64, 128, 3)" + PAD + "= 12");
        assertThat(p.events()).extracting(Parsed::describe).containsExactly(
                "1 reallocarray t=-9223372036854775808 tid=0 old=0 size=80 new=10 []",
                "2 reallocarray t=-9223372036854775808 tid=0 old=10 size=-1 new=0 []",
                "3 alloc VALLOC t=-9223372036854775808 tid=0 size=10 addr=1000 align=0 []",
                "4 alloc PVALLOC t=-9223372036854775808 tid=0 size=10 addr=2000 align=0 []",
                "5 alloc MEMALIGN t=-9223372036854775808 tid=0 size=300 addr=3000 align=256 []",
                "6 alloc POSIX_MEMALIGN t=-9223372036854775808 tid=0 size=128 addr=0 align=64 []");
        assertThat(((Realloc) p.events().get(1)).failed()).isTrue();
        assertThat(((Alloc) p.events().get(5)).kind()).isEqualTo(AllocKind.POSIX_MEMALIGN);
    }
}
