package io.heapsift.ingest.ltrace;

import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.ltrace.LtraceTraceGenerator.Options;
import io.heapsift.ingest.ltrace.LtraceTraceGenerator.PidStyle;
import io.heapsift.ingest.ltrace.LtraceTraceGenerator.TimeStyle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded-random round trip: a random multi-thread allocation sequence is written as ltrace would
 * print it (every prefix and time variant, split and nested calls, NULL spellings, -i, -T, -C, -x)
 * and must come back as exactly the generated events: same order, kinds, sizes, addresses,
 * threads, times (as the printed prefix gives them) and lines.
 */
class LtracePropertyTest {

    @TempDir
    Path dir;

    /** One of each capture shape, with seed-dependent details. */
    static List<Options> variants(long seed) {
        Random r = new Random(seed);
        long nearMidnight = LtraceTraceGenerator.midnightUs() - 20_000 - r.nextInt(20_000);
        long epoch = 1_795_320_864_000_000L + r.nextInt(1_000_000);
        int max = 4 + r.nextInt(40);
        List<Options> v = new ArrayList<>();
        v.add(new Options(1, PidStyle.NONE, TimeStyle.NONE, false, false, "0", "leaky", null, false, seed, 0, max));
        v.add(new Options(1, PidStyle.NONE, TimeStyle.T, false, false, "nil", "leaky", null, false, seed, nearMidnight, max));
        v.add(new Options(4, PidStyle.BRACKETS, TimeStyle.TT, true, false, "0", "threads", null, false, seed, nearMidnight, max));
        v.add(new Options(3, PidStyle.PLAIN, TimeStyle.TTT, true, false, "nil", "threads", null, false, seed, epoch, max));
        v.add(new Options(2, PidStyle.PLAIN, TimeStyle.R, false, false, "0", "threads", null, false, seed, 0, max));
        v.add(new Options(3, PidStyle.BRACKETS, TimeStyle.R_TT, false, true, "0", "threads", null, false, seed, nearMidnight, max));
        v.add(new Options(1, PidStyle.NONE, TimeStyle.NONE, false, false, "nil", null, "libc.so.6", false, seed, 0, max));
        v.add(new Options(4, PidStyle.BRACKETS, TimeStyle.TT, true, true, "NULL", "cxx", null, true, seed, nearMidnight, max));
        v.add(new Options(2, PidStyle.PLAIN, TimeStyle.T, false, true, "0", null, "libc.so.6", false, seed, nearMidnight, max));
        v.add(new Options(5, PidStyle.PLAIN, TimeStyle.NONE, false, false, "0", null, null, true, seed, 0, max));
        return v;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void parsing_gives_back_the_generated_events(long seed) throws IOException {
        int k = 0;
        StringBuilder all = new StringBuilder();
        for (Options o : variants(seed)) {
            List<TraceEvent> expected = new ArrayList<>();
            Path f = dir.resolve("gen-" + seed + "-" + k++ + ".ltrace");
            try (Writer w = Files.newBufferedWriter(f, StandardCharsets.US_ASCII)) {
                LtraceTraceGenerator.write(w, 150 + new Random(seed).nextInt(300), o, expected::add);
            }
            all.append(Files.readString(f));
            Parsed p = Parsed.of(f);
            assertThat(p.summary().skipped()).as("%s %s", o, p.summary().skippedByReason()).isZero();
            assertThat(p.described()).as("%s", o).containsExactlyElementsOf(expected.stream().map(Parsed::describe).toList());
            assertThat(p.summary().notes()).doesNotContainKeys("calls never resumed", "resumed lines without their call",
                    "allocator calls with unreadable arguments or return value", "nested allocator calls kept (arguments differ from the enclosing call)");
        }
        // the shapes the round trip must have gone through
        assertThat(all).contains("<unfinished ...>", "<no return ...>", " resumed> )", "23:59:59.", "00:00:00", "libstdc++.so.6->malloc(",
                "operator new(unsigned long)(", "@libc.so.6(", "[pid ", "[0x55990f87", " <0.", "free(nil)", "+++ exited");
    }
}
