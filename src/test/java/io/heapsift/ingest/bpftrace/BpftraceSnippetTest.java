package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record kind of the script's output, and time ordering of lines drained per CPU. */
class BpftraceSnippetTest {

    private static final String HEADER = "Attaching 25 probes...\n"
            + "# heapsift-bpftrace 1 target=0 depth=16 hold_ms=1000 clock=monotonic_ns t=1000 bpftrace_pid=42\n"
            + "P 4242 1500 exec leaky\n";

    @TempDir
    Path dir;

    @Test
    void version_2_stack_frames_are_grouped_by_stack_id_in_any_order() throws IOException {
        BpftraceRun run = BpftraceRun.parse(dir, HEADER
                + "S 77 3\n"
                + "s 77 2 0x7f00000022 __libc_start_call_main\n"
                + "s 77 0 0x5500000010 leaf_alloc\n"
                + "A 4242 1900 2000 malloc 16 = 0x55d4f6000010 77\n"
                + "s 77 1 0x5500000020 0x5500000020\n"
                + "S 78 1\n"
                + "s 78 0 0x7f00000099 operator new(unsigned long)\n"
                + "A 4242 2001 2002 malloc 32 = 0x55d4f6000030 78\n"
                + "E 3000\n");
        assertThat(run.diag().skipped()).isZero();
        Alloc a = (Alloc) run.events().stream().filter(e -> e instanceof Alloc).findFirst().orElseThrow();
        assertThat(a.stack().frames()).extracting(io.heapsift.event.Frame::function)
                .containsExactly("leaf_alloc", "[unknown]", "__libc_start_call_main");
        assertThat(a.stack().frames().get(1).ip()).isEqualTo(0x5500000020L);
        Alloc b = (Alloc) run.events().stream().filter(e -> e instanceof Alloc).skip(1).findFirst().orElseThrow();
        assertThat(b.stack().top().function()).isEqualTo("operator new(unsigned long)");
    }

    @Test
    void every_record_kind_maps_to_its_event() throws IOException {
        BpftraceRun run = BpftraceRun.parse(dir, HEADER
                + "S 512001\n"
                + "\t7f1234567890 malloc+0 (/usr/lib/x86_64-linux-gnu/libc.so.6)\n"
                + "\t55d4f5a9a1b9 ns::Box<int, 8>::clone() const+20 (/work/prog)\n"
                + "\t55d4f5a9a2b9 0x55d4f5a9a2b9 ([unknown])\n"
                + "\n"
                + "A 4242 1900 2000 malloc 16 = 0x55d4f6000010 512001\n"
                + "A 4242 2001 2002 calloc 4 8 = 0x55d4f6000030 512001\n"
                + "A 4242 2003 2004 realloc 0x55d4f6000030 64 = 0x55d4f6000050 512001\n"
                + "A 4242 2005 2006 reallocarray 0x0 3 8 = 0x55d4f6000090 512001\n"
                + "A 4242 2007 2008 memalign 256 300 = 0x55d4f6000100 512001\n"
                + "A 4242 2009 2010 aligned_alloc 32 96 = 0x55d4f6000200 512001\n"
                + "A 4242 2011 2012 posix_memalign 64 128 = 0x55d4f6000280 512001 0\n"
                + "A 4242 2013 2014 posix_memalign 3 40 = 0x0 512001 22\n"
                + "A 4242 2015 2016 valloc 10 = 0x55d4f6001000 512001\n"
                + "A 4242 2017 2018 pvalloc 10 = 0x55d4f6002000 512001\n"
                + "A 4242 2019 2020 malloc 18446744073709551615 = 0x0 512001\n"
                + "F 4242 2021 free 0x55d4f6000010\n"
                + "F 4242 2022 free 0x0\n"
                + "C 4242 2023 2024 malloc_trim 0 = 1\n"
                + "C 4242 2025 2026 mallopt -8 2 = 1\n"
                + "C 4242 2027 2028 mallinfo2 = 135168 1 0 0 0 0 0 160 135008 134848\n"
                + "T 4243 2029\n"
                + "X 4242 2030 exit_group 3\n"
                + "E 2031\n\n\n\n\n\n\n");
        assertThat(run.diag().skipped()).isZero();
        assertThat(run.diag().warnings()).isZero();
        List<TraceEvent> e = run.events();
        assertThat(e).hasSize(18); // E (end) is a fact, not an event
        Alloc malloc = (Alloc) e.get(0);
        assertThat(malloc).extracting(Alloc::line, Alloc::timeNs, Alloc::tid, Alloc::kind, Alloc::size, Alloc::address)
                .containsExactly(9L, 2000L, 4242, AllocKind.MALLOC, 16L, 0x55d4f6000010L);
        assertThat(malloc.stack().frames()).containsExactly(
                new Frame("malloc", 0, "/usr/lib/x86_64-linux-gnu/libc.so.6", null, 0, 0x7f1234567890L),
                new Frame("ns::Box<int, 8>::clone() const", 20, "/work/prog", null, 0, 0x55d4f5a9a1b9L),
                new Frame("[unknown]", -1, null, null, 0, 0x55d4f5a9a2b9L));
        assertThat(((Alloc) e.get(1)).size()).isEqualTo(32);
        assertThat((Realloc) e.get(2)).extracting(Realloc::array, Realloc::oldAddress, Realloc::size, Realloc::newAddress)
                .containsExactly(false, 0x55d4f6000030L, 64L, 0x55d4f6000050L);
        assertThat((Realloc) e.get(3)).extracting(Realloc::array, Realloc::oldAddress, Realloc::size)
                .containsExactly(true, 0L, 24L);
        assertThat((Alloc) e.get(4)).extracting(Alloc::kind, Alloc::alignment, Alloc::size)
                .containsExactly(AllocKind.MEMALIGN, 256L, 300L);
        assertThat(((Alloc) e.get(5)).kind()).isEqualTo(AllocKind.ALIGNED_ALLOC);
        assertThat((Alloc) e.get(6)).extracting(Alloc::kind, Alloc::alignment, Alloc::address)
                .containsExactly(AllocKind.POSIX_MEMALIGN, 64L, 0x55d4f6000280L);
        assertThat(((Alloc) e.get(7)).failed()).isTrue();
        assertThat(((Alloc) e.get(8)).kind()).isEqualTo(AllocKind.VALLOC);
        assertThat(((Alloc) e.get(9)).kind()).isEqualTo(AllocKind.PVALLOC);
        assertThat(((Alloc) e.get(10)).size()).isEqualTo(-1L); // 2^64-1 kept as an unsigned long
        assertThat(((Free) e.get(11)).address()).isEqualTo(0x55d4f6000010L);
        assertThat(((Free) e.get(12)).address()).isZero();
        assertThat((AllocatorCall) e.get(13)).extracting(AllocatorCall::kind, AllocatorCall::arg0, AllocatorCall::result)
                .containsExactly(AllocatorCall.Kind.MALLOC_TRIM, 0L, 1L);
        assertThat((AllocatorCall) e.get(14)).extracting(AllocatorCall::arg0, AllocatorCall::arg1).containsExactly(-8L, 2L);
        AllocatorCall info = (AllocatorCall) e.get(15);
        assertThat(info.info()).containsExactly(135168L, 1L, 0L, 0L, 0L, 0L, 0L, 160L, 135008L, 134848L);
        assertThat(info.result()).isEqualTo(160L);
        assertThat(e.get(16)).isEqualTo(new ThreadExit(25, 2029, 4243));
        assertThat(e.get(17)).isEqualTo(new ProcessExit(26, 2030, 4242, 3, null));
        assertThat(run.ctx().facts()).containsEntry("pid", "4242").containsEntry("command", "leaky")
                .containsEntry("depth", "16").containsEntry("probes", "25").containsEntry("end-ns", "2031");
        assertThat(run.ctx().variant()).isEqualTo("heapsift-bpftrace 1, depth 16");
    }

    @Test
    void lines_drained_per_cpu_come_out_in_time_order() throws IOException {
        // CPU 1's lines were drained after CPU 0's: timestamps go back at line 12. The allocation on CPU 1
        // refers to a stack whose block CPU 0 printed later in the file, and two events share a timestamp.
        BpftraceRun run = BpftraceRun.parse(dir, HEADER
                + "A 10 100 200 malloc 1 = 0x1000 0\n"      // 4  cpu0
                + "F 10 400 free 0x1000\n"                  // 5  cpu0
                + "A 10 450 500 malloc 2 = 0x2000 0\n"      // 6  cpu0
                + "S 768\n"                                 // 7  cpu0 (printed with line 10)
                + "\t401000 work+4 (/p)\n"                  // 8
                + "\n"                                      // 9
                + "A 10 600 700 malloc 3 = 0x3000 768\n"    // 10 cpu0
                + "T 10 800\n"                              // 11 cpu0
                + "A 11 110 150 malloc 4 = 0x4000 768\n"    // 12 cpu1 (same stack as line 10: already in the map)
                + "F 11 500 free 0x4000\n"                  // 13 cpu1, same time as line 6
                + "A 11 650 750 malloc 5 = 0x5000 0\n"      // 14 cpu1
                + "E 900\n");
        assertThat(run.diag().skipped()).isZero();
        assertThat(run.times()).containsExactly(150L, 200L, 400L, 500L, 500L, 700L, 750L, 800L);
        assertThat(run.events()).extracting(TraceEvent::line).containsExactly(12L, 4L, 5L, 6L, 13L, 10L, 14L, 11L);
        Alloc fromCpu1 = (Alloc) run.events().get(0);
        assertThat(fromCpu1.stack().frames()).extracting(Frame::function).containsExactly("work");
        assertThat(run.diag().notes()).containsEntry("events put back in time order", 3L)
                .containsEntry("largest step back in time between lines (ns)", 650L);
    }

    @Test
    void a_stack_block_printed_after_the_allocation_that_uses_it_still_resolves() throws IOException {
        BpftraceRun run = BpftraceRun.parse(dir, HEADER
                + "A 11 110 150 malloc 4 = 0x4000 768\n"
                + "S 768\n\t401000 work+4 (/p)\n\n"
                + "A 10 600 700 malloc 3 = 0x3000 768\n");
        assertThat(run.all(Alloc.class)).allSatisfy(a -> assertThat(a.stack().top().function()).isEqualTo("work"));
        assertThat(run.all(Alloc.class).get(0).stack()).isSameAs(run.all(Alloc.class).get(1).stack());
    }

    @Test
    void lost_events_and_program_output_are_counted() throws IOException {
        BpftraceRun run = BpftraceRun.parse(dir, HEADER
                + "A 10 100 200 malloc 1 = 0x1000 0\n"
                + "Lost 17 events\n"
                + "leaky: start, 2 rounds\n"
                + "A 10 300 400 malloc 1 = 0x2000 0\n"
                + "Lost 3 events\n");
        assertThat(run.events()).hasSize(2);
        assertThat(run.diag().skippedByReason()).containsExactly(Map.entry("program output", 1L));
        assertThat(run.diag().notes()).containsEntry("lost events (the trace is incomplete)", 20L);
        assertThat(run.diag().messages()).extracting(d -> d.line() + ": " + d.message()).containsExactly(
                "5: bpftrace lost 17 events: the trace is incomplete (raise BPFTRACE_PERF_RB_PAGES)",
                "6: program output",
                "8: bpftrace lost 3 events: the trace is incomplete (raise BPFTRACE_PERF_RB_PAGES)",
                "8: no 'E' record: the capture was cut short (bpftrace killed or still running)");
        assertThat(run.diag().lines()).isEqualTo(8);
    }
}
