package io.heapsift.crosstool;

import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.table.OutstandingTable;
import io.heapsift.table.StackRow;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same program captured by different tools must leave the same bytes outstanding at exit, once
 * each tool's known blind spots are accounted for (all captures in fixtures/, same program arguments):
 * <ul>
 *   <li>valgrind memcheck (text and XML): in use at exit = Σ of all kinds; its {@code __libc_freeres}
 *       frees libc's own one-time blocks (stdout buffer, per-thread DTV, libstdc++'s EH pool) first;</li>
 *   <li>valgrind --trace-malloc: every call, no stacks: the same total;</li>
 *   <li>ltrace -e: only calls through the program's PLT (not strdup's internal malloc), and never
 *       posix_memalign's result pointer;</li>
 *   <li>bpftrace (heapsift.bt): every call incl. libc-internal ones, with glibc's addresses; libc's
 *       one-time blocks stay outstanding (no freeres outside valgrind).</li>
 * </ul>
 */
class CrossToolConsistencyTest {

    static TableResult table(String fixture) throws IOException {
        OutstandingTable t = new OutstandingTable();
        ParseSummary s = Ingest.standard().parse(TestFiles.fixture(fixture), null, t);
        assertThat(s.skipped()).as("skipped lines in %s", fixture).isZero();
        return t.result();
    }

    static long sum(TableResult t, Predicate<StackRow> p) {
        return t.stacks().stream().filter(p).mapToLong(StackRow::liveBytes).sum();
    }

    /** valgrind rows whose allocator was called by the program itself (the first frame after valgrind's replacement is in the program's source). */
    static Predicate<StackRow> valgrindProgramCall(String source) {
        return r -> {
            for (Frame f : r.stack().frames()) {
                if (f.module() != null && f.module().contains("vgpreload")) continue;
                return f.file() != null && f.file().equals(source);
            }
            return false;
        };
    }

    /**
     * bpftrace rows whose allocator was called by the program: the innermost frame is in the program's
     * binary (v1 captures print the module); v2 captures print no module, but libc (built without frame
     * pointers) stops the walk at one frame, so a stack that reaches a second frame came from program code.
     */
    static Predicate<StackRow> bpftraceProgramCall(String program) {
        return r -> {
            if (r.stack().isEmpty()) return false;
            Frame top = r.stack().top();
            if (top.module() != null) return top.module().endsWith("/" + program);
            return r.stack().frames().size() >= 2 && !top.isUnknown();
        };
    }

    /** libc's own one-time blocks that valgrind frees at exit: stdout buffer, DTVs, and blocks allocated before main (EH pool). */
    static Predicate<StackRow> libcOneTime(TableResult t) {
        long mainStarts = t.stacks().stream().filter(r -> r.stack().frames().stream().anyMatch(f -> f.function().equals("main")))
                .mapToLong(StackRow::firstLine).min().orElse(Long.MAX_VALUE);
        return r -> {
            String top = r.stack().isEmpty() ? "" : r.stack().top().function();
            return top.equals("_IO_file_doallocate") || top.equals("allocate_dtv") || r.firstLine() < mainStarts;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // program, source, in use at exit (valgrind), of which allocated by the program's own calls,
        // leaked posix_memalign bytes, bpftrace stacks symbolised (v1 captures lost the frames of exited threads)
        "leaky,     leaky.c,     1414, 1384, 0,  true",
        "threads,   threads.c,    216,  216, 64, true",
        "cxx_leaks, cxx_leaks.cpp, 2101, -1, 0,  true",
        "tidy,      tidy.c,          0,    0, 0,  true",
    })
    void every_tool_sees_the_same_outstanding_bytes(String program, String source, long inUse, long ownCalls, long posixMemalign,
            boolean bpfSymbolised) throws IOException {
        TableResult text = table("valgrind/" + program + ".memcheck.txt");
        TableResult xml = table("valgrind/" + program + ".memcheck.xml");
        TableResult traced = table("valgrind/" + program + ".tracemalloc.txt");
        TableResult bpf = table("bpftrace/" + program + ".bpftrace.txt");

        // valgrind's own view, three ways
        long textTotal = text.mode() == TableMode.LEAK_REPORT
                ? text.kinds().entrySet().stream().filter(e -> e.getKey() != LeakKind.SUPPRESSED).mapToLong(e -> e.getValue().bytes()).sum() : 0;
        assertThat(textTotal).isEqualTo(inUse);
        assertThat(xml.liveBytes()).isEqualTo(inUse);
        assertThat(traced.liveBytes()).isEqualTo(inUse);
        if (text.toolHeapSummary() != null) assertThat(text.toolHeapSummary().inUseBytes()).isEqualTo(inUse);

        // bpftrace sees everything valgrind sees, plus libc's one-time blocks that valgrind freed
        assertThat(bpf.liveBytes() - sum(bpf, libcOneTime(bpf))).as("bpftrace minus libc one-time blocks").isEqualTo(inUse);

        if (ownCalls >= 0) {
            // the program's own calls: valgrind by source file, bpftrace by binary, ltrace -e by construction
            assertThat(sum(text, valgrindProgramCall(source))).isEqualTo(ownCalls);
            if (bpfSymbolised) assertThat(sum(bpf, bpftraceProgramCall(program))).isEqualTo(ownCalls);
        }
        String ltrace = program.equals("threads") ? "ltrace/threads.ltrace-f-tt.txt" : "ltrace/" + program + ".ltrace.txt";
        if (!program.equals("tidy")) {
            TableResult lt = table(ltrace);
            long expected = (ownCalls >= 0 ? ownCalls : inUse) - posixMemalign;
            assertThat(lt.liveBytes()).as("ltrace -e outstanding (posix_memalign's pointer is never shown)").isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    // C only: libstdc++ is built without frame pointers, so bpftrace loses the caller of operator new[]
    @CsvSource({"leaky, 1144, 40"})
    void definitely_and_indirectly_lost_bytes_match_the_event_traces_stacks(String program, long definite, long indirect)
            throws IOException {
        TableResult text = table("valgrind/" + program + ".memcheck.txt");
        TableResult bpf = table("bpftrace/" + program + ".bpftrace.txt");
        if (definite >= 0) {
            assertThat(text.kinds().get(LeakKind.DEFINITE).bytes()).isEqualTo(definite);
            assertThat(text.kinds().get(LeakKind.INDIRECT).bytes()).isEqualTo(indirect);
        }
        // every definitely/indirectly lost record's innermost program function leaves exactly those bytes in the bpftrace capture
        for (StackRow r : text.stacks()) {
            if (r.kind() != LeakKind.DEFINITE && r.kind() != LeakKind.INDIRECT) continue;
            List<String> fns = r.stack().frames().stream().filter(f -> f.file() != null && !f.file().startsWith("vg_"))
                    .map(Frame::function).toList();
            if (fns.isEmpty()) continue;
            String fn = fns.get(0);
            long valgrindBytes = text.stacks().stream().filter(x -> x.kind() == LeakKind.DEFINITE || x.kind() == LeakKind.INDIRECT)
                    .filter(x -> x.stack().frames().stream().filter(f -> f.file() != null && !f.file().startsWith("vg_")).map(Frame::function)
                            .findFirst().orElse("").equals(fn)).mapToLong(StackRow::liveBytes).sum();
            long bpfBytes = sum(bpf, x -> x.stack().frames().stream().anyMatch(f -> f.function().equals(fn)));
            assertThat(bpfBytes).as("bytes outstanding under %s (bpftrace) vs definitely+indirectly lost there (valgrind)", fn)
                    .isGreaterThanOrEqualTo(valgrindBytes);
        }
    }
}
