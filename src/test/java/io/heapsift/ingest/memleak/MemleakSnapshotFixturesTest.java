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
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real snapshot capture (Python tool and libbpf-tools): the events carry exactly the groups,
 * frames and address lines the tool printed, read independently with {@link ExpectedSnapshots}.
 */
class MemleakSnapshotFixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "memleak/growth.memleak.txt", "memleak/growth.memleak-a.txt", "memleak/growth.memleak-o0.txt",
            "memleak/growth.memleak-p.txt", "memleak/leaky.memleak.txt", "memleak/leaky.memleak-o0-a.txt",
            "memleak/leaky-stripped.memleak.txt", "memleak/cxx_leaks.memleak.txt", "memleak/threads.memleak.txt",
            "memleak/threads.memleak-exited.txt", "memleak/growth.memleak-combined-0.26.txt",
            "memleak/growth.memleak-upstream.txt", "memleak/growth.memleak-upstream-combined.txt",
            "memleak/leaky.memleak-upstream-sort-count.txt", "memleak/kernel.memleak-T5.txt",
            "memleak-libbpf/growth.memleak-libbpf.txt", "memleak-libbpf/growth.memleak-libbpf-a.txt",
            "memleak-libbpf/growth.memleak-libbpf-combined.txt", "memleak-libbpf/leaky.memleak-libbpf.txt",
            "memleak-libbpf/threads.memleak-libbpf.txt", "memleak-libbpf/threads.memleak-libbpf-exited.txt",
            "memleak-libbpf/cxx_leaks.memleak-libbpf.txt"})
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
        Parsed p = Parsed.of(TestFiles.fixture("memleak-libbpf/growth.memleak-libbpf-a.txt"));
        // line 222 "\taddr = 0x55628bf8cc60 size growth: 80 chunks", line 223 "= 4096"
        assertThat(p.summary().messages()).anySatisfy(d -> assertThat(d.toString())
                .endsWith(":222:29: warning: program output: splits memleak's line 223, whose first 28 characters are on this line"));
        assertThat(p.all(SnapshotAddress.class)).anySatisfy(a -> {
            assertThat(a.line()).isEqualTo(223);
            assertThat(a.address()).isEqualTo(0x55628bf8cc60L);
            assertThat(a.size()).isEqualTo(4096);
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
        assertThat(k.all(SnapshotBegin.class).get(0).timeNs()).isEqualTo(((4 * 60L + 24) * 60 + 47) * 1_000_000_000L);

        Parsed l = Parsed.of(TestFiles.fixture("memleak-libbpf/growth.memleak-libbpf.txt"));
        assertThat(l.summary().variant()).isEqualTo("libbpf-tools");
        assertThat(l.summary().facts()).containsEntry("tool", "bcc libbpf-tools memleak")
                .containsEntry("symbolizer", "syms_cache");
        assertThat(l.all(SnapshotBegin.class).get(0).timeNs()).isEqualTo(((4 * 60L + 31) * 60 + 16) * 1_000_000_000L);
    }
}
