package io.heapsift.ingest.memleak;

import io.heapsift.event.SnapshotAddress;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEnd;
import io.heapsift.event.SnapshotEntry;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real snapshot capture (Python tool and libbpf-tools): the events carry exactly the groups,
 * frames and address lines the tool printed, read independently with {@link ExpectedSnapshots}.
 */
class MemleakSnapshotFixturesTest {

    /** Every snapshot capture in the fixture directories (the -t captures have their own test). */
    static Stream<String> snapshotFixtures() throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : List.of("memleak", "memleak-libbpf")) {
            try (Stream<Path> s = Files.list(TestFiles.fixtures().resolve(dir))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt") && !n.contains("-t."))
                        .sorted().forEach(n -> out.add(dir + "/" + n));
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("snapshotFixtures")
    void events_match_what_the_tool_printed(String fixture) throws Exception {
        Path file = TestFiles.fixture(fixture);
        ExpectedSnapshots expected = ExpectedSnapshots.scan(file);
        Parsed p = Parsed.of(file);

        assertThat(p.summary().formatId()).isEqualTo("memleak");
        assertThat(p.summary().skippedByReason()).isEqualTo(expected.programLines == 0 ? Map.of()
                : Map.of("program output", expected.programLines));
        assertThat(p.all(SnapshotBegin.class)).hasSameSizeAs(expected.snapshots);
        assertThat(p.all(SnapshotEnd.class)).hasSameSizeAs(expected.snapshots);
        assertThat(snapshots(p)).isEqualTo(expected.snapshots);
        assertThat(p.all(SnapshotAddress.class)).hasSize((int) expected.addressRecords);
    }

    /** The parser's events regrouped in the shape of {@link ExpectedSnapshots}. */
    private static List<ExpectedSnapshots.Snapshot> snapshots(Parsed p) {
        List<ExpectedSnapshots.Snapshot> out = new ArrayList<>();
        List<ExpectedSnapshots.Group> groups = null;
        for (TraceEvent e : p.events()) {
            if (e instanceof SnapshotBegin b) {
                groups = new ArrayList<>();
                out.add(new ExpectedSnapshots.Snapshot(b.requestedTop(), groups));
            } else if (e instanceof SnapshotEntry s) {
                groups.add(new ExpectedSnapshots.Group(s.bytes(), s.blocks(), s.stack().frames().size()));
            }
        }
        return out;
    }

    @Test
    void python_address_lines_are_not_linked_and_add_up_to_the_groups() throws Exception {
        for (String f : List.of("memleak/growth.memleak-a.txt", "memleak/leaky.memleak-o0-a.txt")) {
            Parsed p = Parsed.of(TestFiles.fixture(f));
            assertThat(p.summary().variant()).isEqualTo("snapshots -a");
            assertThat(p.all(SnapshotAddress.class)).allMatch(a -> a.stack() == Stack.EMPTY);
            // fewer groups than "Top 10" in every snapshot, so the address lines cover exactly the groups' blocks
            long[] acc = new long[4];
            for (TraceEvent e : p.events()) {
                if (e instanceof SnapshotEntry s) {
                    acc[0] += s.bytes();
                    acc[1] += s.blocks();
                } else if (e instanceof SnapshotAddress a) {
                    acc[2] += a.size();
                    acc[3]++;
                } else if (e instanceof SnapshotEnd) {
                    assertThat(acc[2]).as("%s bytes", f).isEqualTo(acc[0]);
                    assertThat(acc[3]).as("%s blocks", f).isEqualTo(acc[1]);
                    acc = new long[4];
                }
            }
        }
    }

    @Test
    void libbpf_address_lines_belong_to_their_group() throws Exception {
        Parsed p = Parsed.of(TestFiles.fixture("memleak-libbpf/growth.memleak-libbpf-a.txt"));
        assertThat(p.summary().variant()).isEqualTo("libbpf-tools -a");
        SnapshotEntry group = null;
        long bytes = 0, blocks = 0;
        for (TraceEvent e : p.events()) {
            if (e instanceof SnapshotEntry s) {
                if (group != null) assertThat(new long[] {bytes, blocks}).isEqualTo(new long[] {group.bytes(), group.blocks()});
                group = s;
                bytes = 0;
                blocks = 0;
            } else if (e instanceof SnapshotAddress a) {
                assertThat(a.stack()).isSameAs(group.stack());
                bytes += a.size();
                blocks++;
            }
        }
        assertThat(new long[] {bytes, blocks}).isEqualTo(new long[] {group.bytes(), group.blocks()});
    }

    @Test
    void libbpf_line_split_by_the_program_output_is_rejoined() throws Exception {
        // memleak's and the program's stdout buffers are flushed separately into one file: in the capture of
        // 2025-11-22 line 222 is "\taddr = 0x55628bf8cc60 size growth: 80 chunks" and line 223 "= 4096"
        Path file = TestFiles.fixture("memleak-libbpf/growth.memleak-libbpf-a.txt");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int split = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\taddr = ") && !ExpectedSnapshots.ADDR.matcher(lines.get(i)).matches()) split = i;
        }
        assumeTrue(split >= 0, "this capture has no split line");
        String head = lines.get(split).substring(0, lines.get(split).indexOf("growth: "));
        Matcher whole = ExpectedSnapshots.ADDR.matcher(head + lines.get(split + 1));
        assertThat(whole.matches()).isTrue();
        long n = split + 1;

        Parsed p = Parsed.of(file);
        assertThat(p.summary().messages()).anySatisfy(d -> assertThat(d.toString()).endsWith(":" + n + ":"
                + (head.length() + 1) + ": warning: program output: splits memleak's line " + (n + 1)
                + ", whose first " + head.length() + " characters are on this line"));
        assertThat(p.all(SnapshotAddress.class)).anySatisfy(a -> {
            assertThat(a.line()).isEqualTo(n + 1);
            assertThat(a.address()).isEqualTo(Long.parseUnsignedLong(whole.group(2), 16));
            assertThat(a.size()).isEqualTo(Long.parseLong(whole.group(3)));
        });
    }

    @Test
    void combined_only_snapshots_are_marked() throws Exception {
        Parsed upstream = Parsed.of(TestFiles.fixture("memleak/growth.memleak-upstream-combined.txt"));
        assertThat(upstream.summary().variant()).isEqualTo("combined-only");
        assertThat(upstream.all(SnapshotBegin.class)).hasSize(6).allMatch(SnapshotBegin::combined);
        assertThat(upstream.all(SnapshotEntry.class)).allMatch(s -> s.stack().frames().stream().allMatch(f -> f.ip() == 0));

        // bcc 0.26: empty combined snapshots (header + empty line), then the crash (traceback on stderr)
        Parsed crashed = Parsed.of(TestFiles.fixture("memleak/growth.memleak-combined-0.26.txt"));
        assertThat(crashed.summary().variant()).isEqualTo("combined-only");
        assertThat(crashed.all(SnapshotBegin.class)).hasSize(2).allMatch(SnapshotBegin::combined);
        assertThat(crashed.all(SnapshotEntry.class)).isEmpty();

        Parsed normal = Parsed.of(TestFiles.fixture("memleak/growth.memleak-upstream.txt"));
        assertThat(normal.all(SnapshotBegin.class)).noneMatch(SnapshotBegin::combined);
    }

    @Test
    void snapshot_times_and_variants() throws Exception {
        Parsed k = Parsed.of(TestFiles.fixture("memleak/kernel.memleak-T5.txt"));
        assertThat(k.summary().variant()).isEqualTo("kernel");
        assertThat(k.summary().facts()).containsEntry("target", "kernel");
        assertThat(k.all(SnapshotEntry.class)).allMatch(s -> s.stack().frames().stream()
                .allMatch(f -> "kernel".equals(f.module()) && Long.compareUnsigned(f.ip(), 0xffffffff00000000L) > 0));
        assertThat(k.all(SnapshotBegin.class).get(0).timeNs()).isEqualTo(firstHeaderNs(k));

        Parsed l = Parsed.of(TestFiles.fixture("memleak-libbpf/growth.memleak-libbpf.txt"));
        assertThat(l.summary().variant()).isEqualTo("libbpf-tools");
        assertThat(l.summary().facts()).containsEntry("tool", "bcc libbpf-tools memleak")
                .containsEntry("symbolizer", "syms_cache");
        assertThat(l.all(SnapshotBegin.class).get(0).timeNs()).isEqualTo(firstHeaderNs(l));
    }

    /** The first header's H:M:S as nanoseconds since midnight, read with a regex. */
    private static long firstHeaderNs(Parsed p) throws Exception {
        Pattern hms = Pattern.compile("^(?:\\^C)?\\[(\\d+):(\\d+):(\\d+)\\] Top");
        for (String line : Files.readAllLines(Path.of(p.summary().source()), StandardCharsets.UTF_8)) {
            Matcher m = hms.matcher(line);
            if (m.find()) {
                return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3)))
                        * 1_000_000_000L;
            }
        }
        throw new AssertionError("no header");
    }
}
