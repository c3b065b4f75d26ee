package io.heapsift.ingest.valgrind;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;

import static io.heapsift.event.TraceEvent.NO_ADDRESS;
import static io.heapsift.event.TraceEvent.NO_SIZE;
import static io.heapsift.event.TraceEvent.NO_TID;
import static io.heapsift.event.TraceEvent.NO_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The --trace-malloc=yes line shapes of formats.md §4.2/§4.3 (the 3.19 ones are copied from the real
 * fixtures; later versions' syntax from the printing code), with exactly the events each must give.
 */
class TraceMallocLinesTest {

    private static Parsed parse(String... lines) {
        Parsed p = Parsed.text(String.join("\n", lines) + "\n");
        assertThat(p.summary().skippedByReason()).as("skips").isEmpty();
        return p;
    }

    private static Alloc alloc(long line, AllocKind kind, long size, long addr, long align) {
        return new Alloc(line, NO_TIME, NO_TID, kind, size, addr, align, Stack.EMPTY);
    }

    private static Free free(long line, FreeKind kind, long addr, long size) {
        return new Free(line, NO_TIME, NO_TID, kind, addr, size, Stack.EMPTY);
    }

    @Test
    void realloc_of_null_glued_to_its_malloc_is_one_allocation() {
        Parsed p = parse("--3810-- realloc(0x0,32)malloc(32) = 0x4A40090");
        assertThat(p.events()).containsExactly(new Realloc(1, NO_TIME, NO_TID, false, 0, 32, 0x4A40090L, Stack.EMPTY));
    }

    @Test
    void realloc_to_zero_frees_once_and_takes_its_result_from_the_next_line() {
        Parsed p = parse("--3810-- realloc(0x4A40040,0)free(0x4A40040)", "--3810--  = 0");
        assertThat(p.events()).containsExactly(new Realloc(2, NO_TIME, NO_TID, false, 0x4A40040L, 0, 0, Stack.EMPTY));
        assertThat(p.of(Realloc.class).get(0).freesOnly()).isTrue();
    }

    @Test
    void fishy_malloc_gets_its_result_after_the_error_block() {
        Parsed p = parse(
                "--3810-- malloc(18446744073709551615)Argument 'size' of function malloc has a fishy (possibly negative) value: -1",
                "==3810==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==3810==    by 0x1091D2: main (fail.c:13)",
                "==3810== ",
                "--3810--  = 0x0");
        assertThat(p.events()).hasSize(2);
        ToolError e = p.of(ToolError.class).get(0);
        assertThat(e.kind()).isEqualTo("FishyValue");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.stack().frames()).extracting(f -> f.function()).containsExactly("malloc", "main");
        // 2^64-1 as printed, kept as the same bits
        assertThat(p.of(Alloc.class)).containsExactly(alloc(5, AllocKind.MALLOC, -1L, 0, 0));
    }

    @Test
    void overflowing_calloc_prints_no_result_and_the_next_call_is_glued() {
        Parsed p = parse("--3810-- calloc(8589934592,8589934592)malloc(10) = 0x4A40040");
        assertThat(p.events()).containsExactly(
                alloc(1, AllocKind.CALLOC, NO_SIZE, 0, 0),
                alloc(1, AllocKind.MALLOC, 10, 0x4A40040L, 0));
    }

    @Test
    void the_whole_fail_sequence_of_formats_4_3() {
        Parsed p = parse(
                "--13527-- malloc(18446744073709551615)Argument 'size' of function malloc has a fishy (possibly negative) value: -1",
                "==13527==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==13527==    by 0x1091DC: main (fail.c:5)",
                "==13527== ",
                "--13527--  = 0x0",
                "--13527-- calloc(8589934592,8589934592)malloc(10) = 0x4A41040",
                "--13527-- realloc(0x4A41040,0)free(0x4A41040)",
                "--13527--  = 0",
                "--13527-- realloc(0x0,32)malloc(32) = 0x4A410F0",
                "--13527-- memalign(al 4096, size 10) = 0x4A42000",
                "**13527** Program aborting because of call to pvalloc",
                "==13527==    at 0x484149C: ??? (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==13527==    by 0x484151F: pvalloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==13527== ");
        assertThat(p.events()).extracting(TraceEvent::line).containsExactly(1L, 5L, 6L, 6L, 8L, 9L, 10L);
        assertThat(p.callTable().liveBytes()).isEqualTo(42);   // 32 + 10 (valloc'd page) still live
        assertThat(p.callTable().liveBlocks()).isEqualTo(2);
    }

    @Test
    void cxx_operators_of_3_19_stay_mangled_and_map_to_new_and_delete() {
        Parsed p = parse(
                "--15094-- _Znam(32) = 0x4D6EC80",
                "--15094-- _ZdaPv(0x4D6EC80)",
                "--15094-- _ZnwmSt11align_val_t(size 64, al 64) = 0x4D6F240",
                "--15094-- _ZdlPvmSt11align_val_t(0x4D6F240)",
                "--15094-- _ZnwmRKSt9nothrow_t(4) = 0x4D6F300",
                "--15094-- _ZdlPvm(0x4D6F300)");
        assertThat(p.events()).containsExactly(
                alloc(1, AllocKind.NEW_ARRAY, 32, 0x4D6EC80L, 0),
                free(2, FreeKind.DELETE_ARRAY, 0x4D6EC80L, NO_SIZE),
                alloc(3, AllocKind.NEW, 64, 0x4D6F240L, 64),
                free(4, FreeKind.DELETE, 0x4D6F240L, NO_SIZE),
                alloc(5, AllocKind.NEW, 4, 0x4D6F300L, 0),
                free(6, FreeKind.DELETE, 0x4D6F300L, NO_SIZE));
    }

    @Test
    void syntax_of_3_27_aligned_and_sized_calls() {
        Parsed p = parse(
                "--1-- _ZnwmSt11align_val_t(64, 64) = 0x4D6F240",
                "--1-- _ZdlPvmSt11align_val_t(0x4D6F240, 64, 64)",
                "--1-- _ZnamSt11align_val_t(320, 64) = 0x4D6F400",
                "--1-- _ZdaPvSt11align_val_t(0x4D6F400, 64)",
                "--1-- memalign(64, 100) = 0x4A401C0",
                "--1-- aligned_alloc(32, 96) = 0x4A402C0",
                "--1-- posix_memalign(0x1FFEFFF8A8, 128, 512) = 0x4A42980",
                "--1-- free_sized(0x4A401C0, 100)",
                "--1-- free_aligned_sized(0x4A402C0, 96, 32)");
        assertThat(p.events()).containsExactly(
                alloc(1, AllocKind.NEW, 64, 0x4D6F240L, 64),
                free(2, FreeKind.DELETE, 0x4D6F240L, 64),
                alloc(3, AllocKind.NEW_ARRAY, 320, 0x4D6F400L, 64),
                free(4, FreeKind.DELETE_ARRAY, 0x4D6F400L, NO_SIZE),   // the 64 is the alignment
                alloc(5, AllocKind.MEMALIGN, 100, 0x4A401C0L, 64),
                alloc(6, AllocKind.ALIGNED_ALLOC, 96, 0x4A402C0L, 32),
                alloc(7, AllocKind.POSIX_MEMALIGN, 512, 0x4A42980L, 128),
                free(8, FreeKind.FREE, 0x4A401C0L, 100),
                free(9, FreeKind.FREE, 0x4A402C0L, 96));
    }

    @Test
    void posix_memalign_of_3_25_prints_its_result_on_the_next_line() {
        Parsed p = parse("--1-- posix_memalign(al 64, size 128)", "--1--  = 0x4A41040");
        assertThat(p.events()).containsExactly(alloc(2, AllocKind.POSIX_MEMALIGN, 128, 0x4A41040L, 64));
    }

    @Test
    void posix_memalign_of_3_21_prints_no_result_so_its_address_is_unknown() {
        Parsed p = parse("--1-- posix_memalign(al 64, size 128)", "--1-- posix_memalign(al 3, size 40)",
                "--1-- malloc(5) = 0x4A42920");
        assertThat(p.events()).containsExactly(
                alloc(1, AllocKind.POSIX_MEMALIGN, 128, NO_ADDRESS, 64),
                alloc(2, AllocKind.POSIX_MEMALIGN, 40, 0, 3),           // invalid alignment: EINVAL, nothing allocated
                alloc(3, AllocKind.MALLOC, 5, 0x4A42920L, 0));
        assertThat(p.summary().notes()).containsEntry("calls without a printed result", 2L);
    }

    @Test
    void reallocarray_prints_its_result_twice_and_is_one_realloc() {
        Parsed p = parse("--1-- reallocarray(0x0,4,8) = 0x4A41040", "--1--  = 0x4A41040",
                "--1-- reallocarray(0x4A41040,4611686018427387904,8) = 0");
        assertThat(p.events()).containsExactly(
                new Realloc(1, NO_TIME, NO_TID, true, 0, 32, 0x4A41040L, Stack.EMPTY),
                new Realloc(3, NO_TIME, NO_TID, true, 0x4A41040L, NO_SIZE, 0, Stack.EMPTY));
        assertThat(p.of(Realloc.class).get(1).failed()).isTrue();
    }

    @Test
    void queries_are_recognized_without_allocation_events() {
        Parsed p = parse("--13565-- malloc_usable_size(0x4A40090) = 20", "--13565-- mallinfo()",
                "--13565-- free(0x0)", "--13565-- cfree(0x4A40090)");
        assertThat(p.events()).containsExactly(
                new AllocatorCall(2, NO_TIME, NO_TID, AllocatorCall.Kind.MALLINFO, 0, 0, -1),
                free(3, FreeKind.FREE, 0, NO_SIZE),
                free(4, FreeKind.FREE, 0x4A40090L, NO_SIZE));
    }

    @Test
    void time_stamps_are_milliseconds_since_start() {
        Parsed p = parse("--00:00:00:00.465 15161-- realloc(0x4A41200,500) = 0x4A41280",
                "--01:02:03:04.005 15161-- free(0x4A41280)");
        assertThat(p.of(Realloc.class).get(0).timeNs()).isEqualTo(465_000_000L);
        long expected = ((((1L * 24 + 2) * 60 + 3) * 60 + 4) * 1000 + 5) * 1_000_000L;
        assertThat(p.of(Free.class).get(0).timeNs()).isEqualTo(expected);
        assertThat(p.summary().variant()).isEqualTo("time-stamp");
    }

    @Test
    void an_open_call_of_one_process_survives_lines_of_another() {
        Parsed p = parse(
                "--10-- malloc(18446744073709551615)Argument 'size' of function malloc has a fishy (possibly negative) value: -1",
                "--11-- malloc(8) = 0x20",
                "==10==    at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)",
                "==10== ",
                "--10--  = 0x0");
        assertThat(p.events()).extracting(p::describe).containsExactly("Alloc@2", "ToolError@1", "Alloc@5");
        assertThat(p.summary().notes()).containsEntry("processes in the log", 2L);
    }

    @Test
    void regression_test_dialect_masks_addresses() {
        Parsed p = parse("_ZnwmSt11align_val_t(size 64, al 64) = 0x........", "_ZdlPvSt11align_val_t(0x........)");
        assertThat(p.events()).containsExactly(
                alloc(1, AllocKind.NEW, 64, NO_ADDRESS, 64),
                free(2, FreeKind.DELETE, NO_ADDRESS, NO_SIZE));
    }
}
