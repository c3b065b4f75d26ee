package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInput;
import io.heapsift.table.OutstandingTable;
import io.heapsift.table.TableResult;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real heapsift.bt capture (fixtures/bpftrace, fixtures/workloads/*.bpftrace.txt*): detection,
 * clean accounting, event counts per kind equal to an independent count of the record lines, time
 * order, glibc's own mallinfo2 numbers equal to the TSV the program wrote in the same run, and the
 * outstanding bytes the program's source says remain at exit.
 */
class BpftraceFixtureTest {

    private static final Pattern A = Pattern.compile("^A \\d+ \\d+ \\d+ (\\w+) ");
    private static final Pattern C = Pattern.compile("^C \\d+ \\d+ \\d+ (\\w+) ");

    static Stream<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("bpftrace", "workloads")) {
            Path d = TestFiles.fixtures().resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(BpftraceDetectionTest::isBpftraceCapture).forEach(out::add);
            }
        }
        out.sort(null);
        assertThat(out).as("bpftrace captures").isNotEmpty();
        return out.stream();
    }

    private record Parsed(ParseSummary summary, List<TraceEvent> events, TableResult table) {
    }

    private static Parsed parse(Path file) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        OutstandingTable table = new OutstandingTable();
        ParseSummary s = new Ingest(FormatRegistry.of(new BpftraceFormat(),
                new io.heapsift.ingest.valgrindxml.ValgrindXmlFormat())).parse(file, null, e -> {
                    events.add(e);
                    table.accept(e);
                });
        return new Parsed(s, events, table.result());
    }

    @ParameterizedTest
    @MethodSource("captures")
    void is_detected_read_without_skips_and_in_time_order(Path file) throws IOException {
        Parsed p = parse(file);
        assertThat(p.summary().formatId()).isEqualTo("bpftrace");
        assertThat(p.summary().skipped()).isZero();
        assertThat(p.summary().lines()).isEqualTo(lines(file).size());
        assertThat(p.summary().facts()).containsKeys("format", "depth", "pid", "end-ns");
        List<String> lines = lines(file);
        if (lines.get(0).startsWith("Attaching ")) assertThat(p.summary().facts()).containsKey("probes"); // not with -q
        if (lines.stream().anyMatch(l -> l.matches("P \\d+ \\d+ exec .*"))) assertThat(p.summary().facts()).containsKey("command");
        assertThat(p.summary().notes()).doesNotContainKeys("events older than the reorder window (emitted out of order)",
                "allocations whose stack block was never printed");
        long lost = lostEvents(file);
        if (lost > 0) assertThat(p.summary().notes()).containsEntry("lost events (the trace is incomplete)", lost);
        else assertThat(p.summary().notes()).doesNotContainKey("lost events (the trace is incomplete)");
        long previous = Long.MIN_VALUE;
        for (TraceEvent e : p.events()) {
            long t = BpftraceRun.time(e);
            assertThat(t).as("%s line %d", file.getFileName(), e.line()).isGreaterThanOrEqualTo(previous);
            previous = t;
        }
        assertThat(p.table().counts().replacedLive()).as("live addresses returned again").isZero();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void event_counts_per_kind_equal_the_record_lines(Path file) throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        for (String l : lines(file)) {
            Matcher m = A.matcher(l);
            if (m.find()) expected.merge(m.group(1), 1L, Long::sum);
            m = C.matcher(l);
            if (m.find()) expected.merge(m.group(1), 1L, Long::sum);
            if (l.startsWith("F ")) expected.merge("free", 1L, Long::sum);
            if (l.startsWith("T ")) expected.merge("thread-exit", 1L, Long::sum);
            if (l.startsWith("X ")) expected.merge("exit_group", 1L, Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        for (TraceEvent e : parse(file).events()) actual.merge(kind(e), 1L, Long::sum);
        assertThat(actual).isEqualTo(expected);
    }

    private static String kind(TraceEvent e) {
        if (e instanceof Alloc a) return a.kind().name().toLowerCase(Locale.ROOT);
        if (e instanceof Realloc r) return r.array() ? "reallocarray" : "realloc";
        if (e instanceof Free) return "free";
        if (e instanceof AllocatorCall c) {
            return switch (c.kind()) {
                case MALLOC_TRIM -> "malloc_trim";
                case MALLOPT -> "mallopt";
                case MALLINFO -> "mallinfo2";
            };
        }
        if (e instanceof ThreadExit) return "thread-exit";
        if (e instanceof ProcessExit) return "exit_group";
        return e.getClass().getSimpleName();
    }

    /** Row N of NAME.bpftrace.mallinfo.tsv is the N-th mallinfo2 call of the same run. */
    @ParameterizedTest
    @MethodSource("captures")
    void mallinfo2_records_equal_the_programs_own_rows(Path file) throws IOException {
        String name = name(file);
        Path tsv = file.resolveSibling(name + ".bpftrace.mallinfo.tsv");
        assumeTrue(Files.exists(tsv), "no mallinfo TSV for " + file.getFileName());
        List<String> rows = Files.readAllLines(tsv);
        List<String> header = List.of(rows.get(0).split("\t"));
        List<List<Long>> expected = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            List<Long> v = new ArrayList<>();
            for (String col : List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "fsmblks", "uordblks", "fordblks",
                    "keepcost")) {
                v.add(Long.parseLong(f[header.indexOf(col)]));
            }
            expected.add(v);
        }
        List<List<Long>> actual = new ArrayList<>();
        for (TraceEvent e : parse(file).events()) {
            if (e instanceof AllocatorCall c && c.kind() == AllocatorCall.Kind.MALLINFO) {
                List<Long> i = c.info(); // struct order: arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost
                actual.add(List.of(i.get(0), i.get(1), i.get(2), i.get(3), i.get(4), i.get(6), i.get(7), i.get(8), i.get(9)));
                assertThat(c.result()).isEqualTo(i.get(7));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.bpftrace\\.txt(\\.gz)?$", "");
    }

    /**
     * A worker thread's exit runs glibc's tcache_thread_shutdown, which free()s every chunk cached in the
     * thread's tcache (chunks the program already freed, or memalign remainders glibc freed inside) and
     * the tcache itself (allocated inside malloc): the uprobe on free sees them as outermost frees of
     * freed or unknown blocks. Every such free must be one of these: on a thread other than the main
     * one, after that thread's last allocator call, before its exit record.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void unmatched_frees_are_glibcs_own_frees_at_thread_exit(Path file) throws IOException {
        assumeTrue(lostEvents(file) == 0, "bpftrace lost events in " + file.getFileName() + ": frees may lack their allocation");
        Parsed p = parse(file);
        List<TraceEvent> events = p.events();
        int pid = Integer.parseInt(p.summary().facts().get("pid"));
        // attached to a running process (-p): frees of blocks allocated before the attach are normal
        boolean attached = !p.summary().facts().getOrDefault("target", "0").equals("0");
        Map<Integer, Integer> lastCall = new java.util.HashMap<>();
        Map<Integer, Integer> exit = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            if (e instanceof Alloc a) lastCall.put(a.tid(), i);
            if (e instanceof Realloc r) lastCall.put(r.tid(), i);
            if (e instanceof AllocatorCall c) lastCall.put(c.tid(), i);
            if (e instanceof ThreadExit t) exit.put(t.tid(), i);
        }
        java.util.Set<Long> live = new java.util.HashSet<>();
        java.util.Set<Long> allocated = new java.util.HashSet<>();
        int unmatched = 0;
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            if (e instanceof Alloc a && a.address() != 0) {
                live.add(a.address());
                allocated.add(a.address());
            }
            if (e instanceof Realloc r && (r.newAddress() != 0 || r.size() == 0)) {
                live.remove(r.oldAddress());
                if (r.newAddress() != 0) {
                    live.add(r.newAddress());
                    allocated.add(r.newAddress());
                }
            }
            if (e instanceof Free f && f.address() != 0 && !live.remove(f.address())) {
                unmatched++;
                if (attached && f.tid() == pid && !allocated.contains(f.address())) continue;
                assertThat(f.tid()).as("line %d: free of a block not live, on the main thread", f.line()).isNotEqualTo(pid);
                assertThat(lastCall.getOrDefault(f.tid(), -1)).as("line %d: after the thread's last call", f.line()).isLessThan(i);
                assertThat(exit.getOrDefault(f.tid(), -1)).as("line %d: before the thread's exit", f.line()).isGreaterThan(i);
            }
        }
        assertThat(unmatched).isEqualTo(p.table().counts().unknownFrees() + p.table().counts().doubleFrees());
    }

    private static final long[] LEAKY = {4096 + 8 * 16 + 1000 + 16 + 40 + 200 + 30, 14};

    /** What each workload's source leaves allocated at exit (bytes, blocks). */
    private static final Map<String, long[]> OUTSTANDING = Map.ofEntries(
            Map.entry("pin64k_fwd", new long[] {1, 1}),      // malloc(1) "first"
            Map.entry("pin64k_rev", new long[] {1, 1}),
            Map.entry("pin64k_pin", new long[] {1, 1}),      // the pin is freed before the second trim
            Map.entry("mmap128k", new long[] {1, 1}),
            Map.entry("holes_64_2", holes(64)),              // only the pointer array: n * 8, n = 16 MiB / (SIZE + 16)
            Map.entry("holes_1000_2", holes(1000)),
            Map.entry("holes_10000_2", holes(10000)),
            Map.entry("holes_1000_64", holes(1000)),
            Map.entry("cache_f1", new long[] {1 + 8 * 100, 9}), // 7 + 1 blocks of 100 malloc'd after the frees
            Map.entry("cache_f2", new long[] {1 + 8 * 500, 9}),
            Map.entry("cache_f3", new long[] {1, 1}),
            Map.entry("cache_f4", new long[] {1, 1}),
            Map.entry("realloc", new long[] {1, 1}),
            // + the DTV (calloc(17, 16) in ld.so's allocate_dtv) of each thread stack glibc keeps cached
            Map.entry("threads_conc", new long[] {1 + 4 * 272, 5}),  // 4 concurrent threads: 4 cached stacks
            Map.entry("threads_seq", new long[] {1 + 272, 2}),       // each thread reuses the previous stack
            Map.entry("threads_xfree", new long[] {1 + 272, 2}),
            Map.entry("random_1", new long[] {1, 1}),
            // fixtures/bpftrace (fixtures/programs, stdout to a file: its 4096-byte buffer is never freed)
            Map.entry("leaky", LEAKY),                    // 4096 + 8 x 16 + 1000 + 16 + 40 + 200 + 30, as valgrind
            Map.entry("leaky-stripped", LEAKY),
            Map.entry("leaky.nohold", LEAKY),
            Map.entry("leaky.q-depth0", LEAKY),
            Map.entry("tidy", new long[] {0, 0}),
            // valgrind's 2,101 B in 29 blocks + libstdc++'s 72,704-byte emergency EH pool (valgrind frees it at exit)
            Map.entry("cxx_leaks", new long[] {2101 + 72704, 30}),
            Map.entry("cxx_leaks.nodemangle", new long[] {2101 + 72704, 30}),
            Map.entry("threads", new long[] {216 + 4 * 272, 8}),   // valgrind's 216 B in 4 + 4 DTVs
            Map.entry("growth", new long[] {80 * 4096 + 4096, 81})); // 4 s x 20 nodes + the stdout buffer


    private static long[] holes(long size) {
        long n = (16L << 20) / (size + 16);
        return new long[] {n * 8, 1};
    }

    @ParameterizedTest
    @MethodSource("captures")
    void outstanding_bytes_at_exit_are_what_the_program_leaves(Path file) throws IOException {
        String name = name(file);
        long[] want = OUTSTANDING.get(name);
        assumeTrue(want != null, "no expectation for " + name);
        TableResult t = parse(file).table();
        assertThat(new long[] {t.liveBytes(), t.liveBlocks()}).as(name).containsExactly(want);
    }

    /** Σ N of bpftrace's "Lost N events" lines. */
    private static long lostEvents(Path file) throws IOException {
        return lines(file).stream().filter(l -> l.matches("Lost \\d+ events"))
                .mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
    }

    /** The decompressed lines of a capture, as the parser counts them. */
    static List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(TraceInput.of(file).openStream(null),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) out.add(l);
        }
        return out;
    }
}
