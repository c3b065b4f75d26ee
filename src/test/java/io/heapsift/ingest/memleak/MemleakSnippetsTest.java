package io.heapsift.ingest.memleak;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.SnapshotAddress;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written captures for the forms no fixture shows (formats.md §1, §1b); fixtures stay the main proof. */
class MemleakSnippetsTest {

    @TempDir
    Path dir;

    private Parsed parse(String... lines) throws Exception {
        return Parsed.text(dir, "t.txt", String.join("\n", lines) + "\n");
    }

    private static Frame frame(String fn, long off, String module, String file, int line, long ip) {
        return new Frame(fn, off, module, file, line, ip);
    }

    @Test
    void python_symbol_forms() throws Exception {
        Parsed p = parse("Attaching to pid 7000, Ctrl+C to quit.",
                "[02:37:23] Top 10 stacks with outstanding allocations:",
                "\t8392704 bytes in 1 allocations from stack",
                "\t\t0x00007fc2bf1fad01\tpthread_create@GLIBC_2.2.5+0x981 [libc.so.6]",
                "\t\t0x000055fabea57211\tstd::vector<int, std::allocator<int> >::_M_realloc_insert<int const&>(__gnu_cxx::__normal_iterator<int*, std::vector<int, std::allocator<int> > >, int const&)+0x9c [leak]",
                "\t\t0x0000563065d22211\t[unknown] [leak-stripped]",
                "\t\t0x0000563065d22212\t[unknown]",
                "\t\t0x0000563065d22213\toperator new[](unsigned long)+0x1c",
                "\t\t0x0000563065d22214\tstd::__cxx11::basic_string<char>::_M_create[abi:cxx11](unsigned long&, unsigned long)+0x2a [libstdc++.so.6]");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.all(SnapshotEntry.class).get(0).stack().frames()).containsExactly(
                frame("pthread_create@GLIBC_2.2.5", 0x981, "libc.so.6", null, 0, 0x00007fc2bf1fad01L),
                frame("std::vector<int, std::allocator<int> >::_M_realloc_insert<int const&>(__gnu_cxx::__normal_iterator<int*, std::vector<int, std::allocator<int> > >, int const&)",
                        0x9c, "leak", null, 0, 0x000055fabea57211L),
                frame("[unknown]", -1, "leak-stripped", null, 0, 0x0000563065d22211L),
                frame("[unknown]", -1, null, null, 0, 0x0000563065d22212L),
                frame("operator new[](unsigned long)", 0x1c, null, null, 0, 0x0000563065d22213L),
                frame("std::__cxx11::basic_string<char>::_M_create[abi:cxx11](unsigned long&, unsigned long)", 0x2a,
                        "libstdc++.so.6", null, 0, 0x0000563065d22214L));
    }

    @Test
    void bcc_before_0_10_prints_the_stack_as_one_bytes_repr() throws Exception {
        Parsed p = parse("Attaching to pid 5193, Ctrl+C to quit.",
                "[11:16:33] Top 2 stacks with outstanding allocations:",
                "\t80 bytes in 5 allocations from stack",
                "\t\tb'main+0x6d [allocs]\\n\\t\\t__libc_start_main+0xf0 [libc-2.27.so]'");
        assertThat(p.summary().skipped()).isZero();
        SnapshotEntry e = p.all(SnapshotEntry.class).get(0);
        assertThat(e.stack().frames()).containsExactly(frame("main", 0x6d, "allocs", null, 0, 0),
                frame("__libc_start_main", 0xf0, "libc-2.27.so", null, 0, 0));
        assertThat(p.all(SnapshotBegin.class).get(0).combined()).isFalse();
        assertThat(p.summary().facts().get("bcc-version-hint")).contains("bcc < 0.10");
    }

    @Test
    void legacy_wording_and_ip_less_frames_are_default_mode() throws Exception {
        Parsed p = parse("Attaching to malloc and free in pid 5, Ctrl+C to quit.",
                "[11:16:33] Top 2 stacks with outstanding allocations:",
                "\t16 bytes in 1 allocations from stack", "\t\tmain+0x6d [allocs]");
        assertThat(p.summary().variant()).isEqualTo("snapshots");
        assertThat(p.all(SnapshotBegin.class)).noneMatch(SnapshotBegin::combined);
        Parsed k = parse("Attaching to kmalloc and kfree, Ctrl+C to quit.");
        assertThat(k.summary().facts()).containsEntry("target", "kernel");
    }

    @Test
    void combined_only_with_lost_stack_information() throws Exception {
        Parsed p = parse("Attaching to pid 5, Ctrl+C to quit.",
                "[11:16:33] Top 3 stacks with outstanding allocations:",
                "\t48 bytes in 3 allocations from stack", "\t\tstack information lost",
                "\t192 bytes in 2 allocations from stack", "\t\tmain+0x6d [allocs]");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().variant()).isEqualTo("combined-only");
        assertThat(p.all(SnapshotBegin.class).get(0).combined()).isTrue();
        List<SnapshotEntry> e = p.all(SnapshotEntry.class);
        assertThat(e.get(0).stackLost()).isTrue();
        assertThat(e.get(0).stack().isEmpty()).isTrue();
        assertThat(e.get(1).stackLost()).isFalse();
        assertThat(p.summary().notes()).containsEntry("stack groups with 'stack information lost'", 1L);
    }

    @Test
    void snapshot_time_wraps_past_midnight() throws Exception {
        Parsed p = parse("[23:59:59] Top 1 stacks with outstanding allocations:",
                "[00:00:04] Top 1 stacks with outstanding allocations:");
        List<SnapshotBegin> b = p.all(SnapshotBegin.class);
        assertThat(b.get(1).timeNs() - b.get(0).timeNs()).isEqualTo(5_000_000_000L);
        assertThat(b.get(1).timeNs()).isEqualTo(86_404_000_000_000L);
    }

    @Test
    void python_traceback_in_the_capture_is_skipped_with_a_warning() throws Exception {
        Parsed p = parse("Executing './growth 3' and tracing the resulting process.",
                "Attaching to pid 5, Ctrl+C to quit.",
                "[04:24:34] Top 10 stacks with outstanding allocations:", "",
                "Traceback (most recent call last):",
                "  File \"/usr/sbin/memleak-bpfcc\", line 573, in <module>",
                "    print_outstanding_combined()",
                "                          ^^^^^^^^^^^^",
                "AttributeError: 'list' object has no attribute 'decode'",
                "growth: 60 chunks");
        assertThat(p.summary().skippedByReason()).isEqualTo(Map.of("tool traceback", 5L, "program output", 1L));
        assertThat(p.summary().messages()).anySatisfy(d -> assertThat(d.toString())
                .endsWith(":9:1: warning: memleak crashed: AttributeError: 'list' object has no attribute 'decode'"));
        assertThat(p.all(SnapshotBegin.class)).hasSize(1).allMatch(SnapshotBegin::combined);
    }

    @Test
    void startup_lines_only() throws Exception {
        // bcc 0.26 --combined-only crashing on its first non-empty snapshot (traceback on stderr)
        Parsed p = parse("Executing './growth 4 3000' and tracing the resulting process.",
                "Attaching to pid 14510, Ctrl+C to quit.");
        assertThat(p.events()).isEmpty();
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().variant()).isEqualTo("startup only");
        assertThat(p.summary().facts()).containsEntry("command", "./growth 4 3000").containsEntry("target", "pid 14510");
        assertThat(p.summary().warnings()).isEqualTo(1);
    }

    @Test
    void libbpf_real_excerpt_from_issue_4958() throws Exception {
        Parsed p = parse("^C[17:35:42] Top 1 stacks with outstanding allocations:",
                "4 bytes in 1 allocations from stack",
                "\t0 [<00007f05944c098c>] _Znwm+0x1c [/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30]",
                "\t1 [<0000558508caa1bb>] _Z3foov+0x12 [/root/bcc/libbpf-tools/a.out]",
                "\t3 [<00007f0594212d90>] [/usr/lib/x86_64-linux-gnu/libc.so.6]",
                "\t4 [<b515dd6bd2425100>] <null sym>");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().variant()).isEqualTo("libbpf-tools");
        assertThat(p.all(SnapshotEntry.class).get(0).stack().frames()).containsExactly(
                frame("_Znwm", 0x1c, "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", null, 0, 0x00007f05944c098cL),
                frame("_Z3foov", 0x12, "/root/bcc/libbpf-tools/a.out", null, 0, 0x0000558508caa1bbL),
                frame("[unknown]", -1, "/usr/lib/x86_64-linux-gnu/libc.so.6", null, 0, 0x00007f0594212d90L),
                frame("[unknown]", -1, null, null, 0, 0xb515dd6bd2425100L));
    }

    @Test
    void libbpf_2023_banner_blazesym_forms_and_done() throws Exception {
        Parsed p = parse("using default object: libc.so.6", "using page size: 4096", "tracing kernel: false",
                "Tracing outstanding memory allocs...  Hit Ctrl-C to end",
                "[5:2:11] Top 2 stacks with outstanding allocations:",
                "24 bytes in 2 allocations from stack",
                "\taddr = 0x55d0c5f0 size = 16",
                "\taddr = 0 size = 8",
                "\t0 [<0000555555555139>] inner+0x10 /src/a.c:3",
                "\t1 [<0000555555555150>] outer+0x5 /usr/lib/libfoo.so:0",
                "\t2 [<ffffffff81000c82>] asm_exc_page_fault+0x22",
                "\t3 [<0000555555555160>] (2 entries)",
                "\t\tinlined@0x555555555140 /src/a.c:7",
                "\t\tcaller@0x555555555100",
                "\t4 [<0000555555555170>]",
                "reaped child process", "", "done");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().variant()).isEqualTo("libbpf-tools -a");
        SnapshotEntry e = p.all(SnapshotEntry.class).get(0);
        assertThat(e.stack().frames()).containsExactly(
                frame("inner", 0x10, null, "/src/a.c", 3, 0x555555555139L),
                frame("outer", 0x5, "/usr/lib/libfoo.so", null, 0, 0x555555555150L),
                frame("asm_exc_page_fault", 0x22, null, null, 0, 0xffffffff81000c82L),
                frame("inlined", 0x20, null, "/src/a.c", 7, 0x555555555160L),
                frame("caller", 0x60, null, null, 0, 0x555555555160L),
                frame("[unknown]", -1, null, null, 0, 0x555555555170L));
        assertThat(p.all(SnapshotAddress.class)).extracting(SnapshotAddress::address).containsExactly(0x55d0c5f0L, 0L);
        assertThat(p.all(SnapshotAddress.class)).allMatch(a -> a.stack() == e.stack());
        assertThat(p.all(SnapshotBegin.class).get(0).timeNs()).isEqualTo(((5 * 60L + 2) * 60 + 11) * 1_000_000_000L);
    }

    @Test
    void libbpf_done_in_the_middle_is_the_programs_and_the_warning_line_is_noted() throws Exception {
        Parsed p = parse("done", "child created with pid: 42", "Attaching to pid 42, Ctrl+C to quit.",
                "[4:31:16] Top 1 stacks with outstanding allocations:",
                "16 bytes in 1 allocations from stack", "\t0 [<0000555555555139>] <null sym>",
                "WARNING: 3 stack traces could not be displayed due to memory shortage, including 1 caused by hash"
                        + " collisions. Consider increasing --stack-storage-size.",
                "done", "[4:31:17] Top 1 stacks with outstanding allocations:",
                "16 bytes in 1 allocations from stack", "\t0 [<0000555555555139>] <null sym>");
        assertThat(p.summary().skippedByReason()).isEqualTo(Map.of("program output", 2L));
        assertThat(p.summary().notes()).containsEntry("stack traces not displayed (libbpf-tools WARNING)", 3L);
        assertThat(p.all(SnapshotEntry.class)).hasSize(2);
    }

    @Test
    void trace_tuples_pair_per_thread() throws Exception {
        Parsed p = parse("Attaching to pid 7140, Ctrl+C to quit.",
                "(b'leak', 7140, 0, b'...11', 427.840967, b'alloc entered, size = 50')",
                "(b'leak', 7140, 0, b'...11', 427.840971, b'alloc exited, size = 50, result = 5627c439e3e0')",
                "(b'leak', 7140, 0, b'...11', 427.840976, b'free entered, address = 5627c439e3e0, size = 50')",
                "(b'leak', 7140, 0, b'...11', 427.84122, b'alloc entered, size = 4294967295')",
                "(b'leak', 7140, 0, b'...11', 427.841222, b'alloc exited, size = 18446744073709551615, result = 0')",
                "(b\"it's\", 7178, 1, b'.N.21', 427.843347, b'alloc entered, size = 33')",
                "(b'w\\xc3\\xa9', 7179, 1, b'...11', 427.9, b'alloc entered, size = 32')",
                "(b'w\\xc3\\xa9', 7179, 1, b'...11', 427.91, b'alloc entered, size = 32')",
                "(b'w\\xc3\\xa9', 7179, 1, b'...11', 427.92, b'alloc exited, size = 32, result = 1000')",
                "('leak', 7180, 0, '...11', 428.0, 'alloc exited, size = 8, result = 2000, frames = 5')",
                "(b'leak', 7140, 0, b'...11', 429.5, b'some other bpf program')",
                "('Unknown', 0, 0, 'Unknown', 0.0, 'Unknown')");
        assertThat(p.summary().variant()).isEqualTo("trace (-t)");
        assertThat(p.summary().skippedByReason()).isEqualTo(Map.of("foreign trace message", 1L, "lost trace line", 1L));
        assertThat(p.all(Alloc.class)).extracting(Alloc::tid, Alloc::size, Alloc::address, Alloc::timeNs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(7140, 50L, 0x5627c439e3e0L, 427_840_971_000L),
                org.assertj.core.groups.Tuple.tuple(7140, -1L, 0L, 427_841_222_000L),
                org.assertj.core.groups.Tuple.tuple(7179, 32L, 0x1000L, 427_920_000_000L),
                org.assertj.core.groups.Tuple.tuple(7180, 8L, 0x2000L, 428_000_000_000L));
        assertThat(p.all(Alloc.class)).allMatch(a -> a.kind() == AllocKind.UNKNOWN);
        assertThat(p.all(Alloc.class).get(1).failed()).isTrue();
        assertThat(p.all(Free.class)).singleElement().satisfies(f -> {
            assertThat(f.address()).isEqualTo(0x5627c439e3e0L);
            assertThat(f.size()).isEqualTo(50);
            assertThat(f.kind()).isEqualTo(FreeKind.UNKNOWN);
        });
        assertThat(p.summary().notes()).containsEntry("alloc entered without alloc exited", 1L)
                .containsEntry("extra alloc entered before one alloc exited (aliased probes)", 1L)
                .containsEntry("alloc exited without alloc entered", 1L)
                .containsEntry("failed allocations (result = 0)", 1L)
                .containsEntry("trace_pipe lines bcc could not parse", 1L);
        assertThat(p.summary().facts().get("bcc-version-hint")).contains("February 2016").contains("Python 2");
    }

    @Test
    void raw_trace_pipe_lines_in_kernel_mode() throws Exception {
        Parsed p = parse("Attaching to kernel allocators, Ctrl+C to quit.",
                "            leak-19370   [000] ...11   959.741099: bpf_trace_printk: alloc entered, size = 200", "",
                "            leak-19370   [000] ...11   959.741101: bpf_trace_printk: alloc exited, size = 200, result = ffff888100a1b000", "",
                " kworker/0:1-events-12   (     12) [001] d..31   959.8: 0x1: free entered, address = ffff888100a1b000, size = 200", "",
                "CPU:1 [LOST 42 EVENTS]");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().variant()).isEqualTo("trace (trace_pipe)");
        assertThat(p.all(Alloc.class)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AllocKind.KERNEL);
            assertThat(a.tid()).isEqualTo(19370);
            assertThat(a.address()).isEqualTo(0xffff888100a1b000L);
        });
        assertThat(p.all(Free.class)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FreeKind.KERNEL);
            assertThat(f.tid()).isEqualTo(12);
        });
        assertThat(p.summary().notes()).containsEntry("trace_pipe events lost", 42L);
    }

    @Test
    void a_line_split_by_the_programs_output_is_rejoined() throws Exception {
        Parsed p = parse("child created with pid: 7", "Attaching to pid 7, Ctrl+C to quit.",
                "[4:31:16] Top 1 stacks with outstanding allocations:",
                "8 bytes in 2 allocations from stack",
                "\taddr = 0x10 size = 4",
                "\taddr = 0x20 sigrowth: 80 chunks",
                "ze = 4",
                "\t0 [<0000555555555139>] grow_l",
                "ist+0x12 [/a/growth]");
        // the address line is rejoined; a split frame is not (where its symbol name ends is unknowable): its head
        // stays an unrecognized line, its tail reads as the program's
        assertThat(p.summary().skippedByReason()).isEqualTo(Map.of("program output", 2L, "unrecognized line", 1L));
        assertThat(p.all(SnapshotAddress.class)).extracting(SnapshotAddress::address).containsExactly(0x10L, 0x20L);
        assertThat(p.all(SnapshotAddress.class).get(1).line()).isEqualTo(7);
    }
}
