package io.heapsift.ingest.memleak;

import io.heapsift.event.SnapshotAddress;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEntry;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostic;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream tools/memleak_example.txt (2016 layout: spaces instead of tabs, blank lines between
 * snapshots, prose around the samples). Exactly its prose, shell prompts, "..." elisions and the usage
 * text are skipped; every sample line is read.
 */
class MemleakPeerExampleTest {

    private static final Pattern STARTUP = Pattern.compile("^Attaching to (pid \\d+|kernel allocators), Ctrl\\+C to quit\\.$");
    private static final Pattern GROUP = Pattern.compile("^\\s+\\d+ bytes in \\d+ allocations from stack$");
    private static final Pattern ADDR = Pattern.compile("^\\s+addr = [0-9a-f]+ size = \\d+$");
    private static final Pattern FRAME = Pattern.compile("^(\\s{9,}|\\t\\t)\\S.*$");

    @Test
    void only_the_prose_is_skipped() throws Exception {
        Path file = TestFiles.peer("bcc__tools__memleak_example.txt");
        Set<Long> prose = new TreeSet<>();
        boolean inGroup = false;
        long n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            boolean group = GROUP.matcher(line).matches();
            boolean frame = inGroup && FRAME.matcher(line).matches();
            boolean tool = line.isBlank() || STARTUP.matcher(line).matches() || group || frame
                    || ADDR.matcher(line).matches() || ExpectedSnapshots.HEADER.matcher(line).matches();
            if (!tool) prose.add(n);
            inGroup = group || frame;
        }

        Parsed p = Parsed.of(file);
        assertThat(p.summary().skippedByReason()).isEqualTo(Map.of("unrecognized line", (long) prose.size()));
        assertThat(prose).hasSize(116);
        assertThat(p.summary().messages()).map(Diagnostic::line).containsExactlyElementsOf(prose);

        // 8 headers plus the 2 kernel samples shown after "..." (groups without a header)
        assertThat(p.all(SnapshotBegin.class)).hasSize(10);
        assertThat(p.summary().notes()).containsEntry("snapshots without a header line", 2L);
        assertThat(p.all(SnapshotEntry.class)).hasSize(14);
        assertThat(p.all(SnapshotAddress.class)).hasSize(14);
        // the 2016 text is bcc < 0.25 default-mode output copied with spaces: never --combined-only
        assertThat(p.all(SnapshotBegin.class)).noneMatch(SnapshotBegin::combined);

        List<SnapshotEntry> entries = p.all(SnapshotEntry.class);
        assertThat(entries.get(0).stack().toString()).isEqualTo("main+0x6d [allocs] <- __libc_start_main+0xf0 [libc-2.21.so]");
        assertThat(entries.get(0).bytes()).isEqualTo(80);
        assertThat(entries.get(0).blocks()).isEqualTo(5);
        SnapshotEntry kernel = entries.get(7);
        assertThat(kernel.bytes()).isEqualTo(8192);
        assertThat(kernel.stack().top().function()).isEqualTo("alloc_and_copy_ftrace_hash.constprop.59");
        assertThat(kernel.stack().top().module()).isEqualTo("kernel");
        assertThat(kernel.stack().frames()).hasSize(8);
        SnapshotEntry redis = entries.get(13);
        assertThat(redis.stack().top().ip()).isEqualTo(0x0000559b4789639fL);
        assertThat(redis.stack().top().display()).isEqualTo("zmalloc+0x2f [redis-server]");
        assertThat(p.events()).filteredOn(e -> e instanceof SnapshotBegin).map(TraceEvent::line)
                .containsExactly(11L, 16L, 37L, 46L, 69L, 130L, 135L, 140L, 157L, 171L);
    }
}
