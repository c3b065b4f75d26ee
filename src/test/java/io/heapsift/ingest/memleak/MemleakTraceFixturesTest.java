package io.heapsift.ingest.memleak;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Free;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** memleak -t captures: every exit and free line becomes one event, pairing counts match a plain scan. */
class MemleakTraceFixturesTest {

    private static final Pattern TUPLE = Pattern.compile(
            "^\\(b'[^']*', (\\d+), \\d+, b'[^']*', (\\d+)\\.(\\d+), b'(.*)'\\)$");
    private static final Pattern ENTER = Pattern.compile("^alloc entered, size = (\\d+)$");
    private static final Pattern EXIT = Pattern.compile("^alloc exited, size = (\\d+), result = ([0-9a-f]+)$");
    private static final Pattern FREE = Pattern.compile("^free entered, address = ([0-9a-f]+), size = (\\d+)$");

    /** What a line says: tid, time, size, address (for an exit or a free). */
    record Call(long line, int tid, long timeNs, long size, long address) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"memleak/leaky.memleak-t.txt", "memleak/threads.memleak-t.txt"})
    void every_exit_and_free_is_one_event_in_order(String fixture) throws Exception {
        Path file = TestFiles.fixture(fixture);
        List<Call> exits = new ArrayList<>();
        List<Call> frees = new ArrayList<>();
        Map<Integer, Integer> open = new HashMap<>();
        long extra = 0, orphan = 0, failed = 0, program = 0, n = 0;
        Map<Long, Long> live = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (ExpectedSnapshots.PROGRAM.matcher(line).find()) program++;
            Matcher t = TUPLE.matcher(line);
            if (!t.matches()) continue;
            int tid = Integer.parseInt(t.group(1));
            long ns = Long.parseLong(t.group(2)) * 1_000_000_000L
                    + Long.parseLong((t.group(3) + "000000000").substring(0, 9));
            Matcher m;
            if (ENTER.matcher(t.group(4)).matches()) {
                open.merge(tid, 1, Integer::sum);
            } else if ((m = EXIT.matcher(t.group(4))).matches()) {
                Integer k = open.remove(tid);
                if (k == null) orphan++; else extra += k - 1;
                long size = Long.parseUnsignedLong(m.group(1));
                long addr = Long.parseUnsignedLong(m.group(2), 16);
                if (addr == 0) failed++; else live.put(addr, size);
                exits.add(new Call(n, tid, ns, size, addr));
            } else if ((m = FREE.matcher(t.group(4))).matches()) {
                long addr = Long.parseUnsignedLong(m.group(1), 16);
                live.remove(addr);
                frees.add(new Call(n, tid, ns, Long.parseLong(m.group(2)), addr));
            }
        }
        long stillOpen = open.values().stream().mapToLong(Integer::longValue).sum();

        Parsed p = Parsed.of(file);
        assertThat(p.summary().variant()).isEqualTo("trace (-t)");
        assertThat(p.summary().skippedByReason()).isEqualTo(program == 0 ? Map.of() : Map.of("program output", program));
        assertThat(p.all(Alloc.class)).allMatch(a -> a.kind() == AllocKind.UNKNOWN && a.stack().isEmpty())
                .map(a -> new Call(a.line(), a.tid(), a.timeNs(), a.size(), a.address())).isEqualTo(exits);
        assertThat(p.all(Free.class)).map(f -> new Call(f.line(), f.tid(), f.timeNs(), f.size(), f.address()))
                .isEqualTo(frees);
        assertThat(p.events()).hasSize(exits.size() + frees.size());

        Map<String, Long> notes = p.summary().notes();
        assertThat(notes.getOrDefault("extra alloc entered before one alloc exited (aliased probes)", 0L)).isEqualTo(extra);
        assertThat(notes.getOrDefault("alloc exited without alloc entered", 0L)).isEqualTo(orphan);
        assertThat(notes.getOrDefault("alloc entered without alloc exited", 0L)).isEqualTo(stillOpen);
        assertThat(notes.getOrDefault("failed allocations (result = 0)", 0L)).isEqualTo(failed);

        // outstanding bytes replayed from the events equal the plain scan's
        Map<Long, Long> replay = new HashMap<>();
        p.events().forEach(e -> {
            if (e instanceof Alloc a && a.address() != 0) replay.put(a.address(), a.size());
            else if (e instanceof Free f) replay.remove(f.address());
        });
        assertThat(replay).isEqualTo(live);
        assertThat(live.values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }
}
