package io.heapsift.cli;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Label;
import io.heapsift.analysis.Suspect;
import io.heapsift.analysis.Verdict;
import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The label and verdict rules of docs/analysis.md, on synthetic event traces (GIVEN events, WHEN analysed, THEN). */
class AnalyzerRulesTest {

    private final Stacks stacks = new Stacks();
    private final List<TraceEvent> events = new ArrayList<>();
    private long line, addr = 0x1000_0000L;

    private Stack stack(String... frames) {
        List<Frame> f = new ArrayList<>();
        for (String s : frames) f.add(Frame.of(s));
        return stacks.intern(f);
    }

    private long alloc(long t, int tid, long size, Stack s) {
        long a = addr;
        addr += (size + 64) & ~15L;
        events.add(new Alloc(++line, t, tid, AllocKind.MALLOC, size, a, 0, s));
        return a;
    }

    private void free(long t, int tid, long a) {
        events.add(new Free(++line, t, tid, FreeKind.FREE, a, TraceEvent.NO_SIZE, Stack.EMPTY));
    }

    private AnalysisResult analyze(boolean exit, long endNs) throws Exception {
        if (exit) events.add(new ProcessExit(++line, endNs, 1, 0, null));
        return new TraceAnalysis(null, false).analyze("synthetic", sink -> {
            events.forEach(sink::accept);
            sink.end();
            return "synthetic";
        }, List.of(), null);
    }

    private static Suspect of(AnalysisResult r, String innermost) {
        return r.suspects().stream().filter(s -> !s.stack().frames().isEmpty()
                && s.stack().frames().get(0).function().equals(innermost)).findFirst().orElseThrow();
    }

    private static final long S = 1_000_000_000L;

    @Test
    void a_batch_allocated_then_freed_is_not_growth() throws Exception {
        Stack batch = stack("fill", "main");
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 100; i++) blocks.add(alloc(i * S / 10, 1, 64 * 1024, batch));
        for (int i = 0; i < 100; i++) free(10 * S + i * S / 100, 1, blocks.get(i));
        AnalysisResult r = analyze(true, 12 * S);
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(r.suspects()).isEmpty();
    }

    @Test
    void blocks_kept_in_one_burst_are_one_off_but_kept_again_later_they_leak() throws Exception {
        Stack table = stack("fill_table", "main");
        Stack loop = stack("handle_request", "main");
        Stack churn = stack("churn", "main");
        for (int i = 0; i < 20; i++) alloc(S + i * 1000, 1, 100, table);         // one burst at 1 s
        for (int round = 0; round < 5; round++) {                                // every 2 s, one kept block
            alloc(2 * S * round + S / 2, 1, 48, loop);
            for (int k = 0; k < 10; k++) free(2 * S * round + S, 1, alloc(2 * S * round + S, 1, 200, churn));
        }
        AnalysisResult r = analyze(true, 10 * S);
        assertThat(of(r, "fill_table").label()).isEqualTo(Label.ONE_OFF);
        assertThat(of(r, "handle_request").label()).isEqualTo(Label.LEAKED);
        assertThat(r.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(r.severity()).isEqualTo("low");
        assertThat(r.leakedBytes()).isEqualTo(5 * 48);
    }

    @Test
    void a_block_left_by_an_ended_thread_leaks_once_per_thread() throws Exception {
        Stack worker = stack("worker_buffer", "worker");
        for (int t = 2; t <= 4; t++) {
            alloc(t * S, t, 64, worker);
            events.add(new ThreadExit(++line, t * S + 1000, t));
        }
        AnalysisResult r = analyze(true, 6 * S);
        assertThat(of(r, "worker_buffer").label()).isEqualTo(Label.THREAD_LEAK);
        assertThat(r.verdict()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void runtime_one_time_blocks_do_not_make_a_tidy_program_leak() throws Exception {
        alloc(S / 10, 1, 4096, stack("_IO_file_doallocate", "_IO_doallocbuf", "printf", "main"));
        alloc(S / 5, 1, 272, stack("calloc", "allocate_dtv", "_dl_allocate_tls", "pthread_create@@GLIBC_2.34", "main"));
        alloc(S / 5, 1, 1, stack("main"));
        for (int i = 0; i < 10; i++) free(S + i, 1, alloc(S + i, 1, 100, stack("work", "main")));
        AnalysisResult r = analyze(true, 2 * S);
        assertThat(of(r, "_IO_file_doallocate").label()).isEqualTo(Label.RUNTIME);
        assertThat(of(r, "calloc").label()).isEqualTo(Label.RUNTIME);
        assertThat(of(r, "main").label()).isEqualTo(Label.ONE_OFF);
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(r.evidence()).contains("runtime");
    }

    @Test
    void a_steady_rise_is_growth_with_its_rate() throws Exception {
        Stack cache = stack("cache_insert", "main");
        for (int i = 0; i < 400; i++) alloc(i * S / 20, 1, 1024, cache);        // 20 KiB/s for 20 s
        AnalysisResult r = analyze(false, 0);
        assertThat(r.verdict()).isEqualTo(Verdict.GROWTH);
        assertThat(of(r, "cache_insert").growthBytesPerSecond()).isBetween(19_000.0, 22_000.0);
        assertThat(String.join(" ", r.advice())).contains("cache_insert").contains("per hour");
    }

    @Test
    void footprint_that_flattens_while_live_memory_stays_level_is_a_plateau() throws Exception {
        Stack pool = stack("pool_grow", "main");
        Stack work = stack("work", "main");
        for (int i = 0; i < 256; i++) alloc(i * S / 100, 1, 32 * 1024, pool);   // 8 MiB working set in 2.5 s
        long t = 3 * S;
        for (int i = 0; i < 3000; i++, t += S / 100) free(t, 1, alloc(t, 1, 512, work)); // 30 s of steady churn
        AnalysisResult r = analyze(false, 0);
        assertThat(r.plateau()).isNotNull();
        assertThat(r.plateau().footprintBytes()).isGreaterThan(8L << 20);
        assertThat(r.plateau().atX()).isLessThan(4.0);
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(r.evidence()).contains("stopped growing");
        assertThat(r.advice()).anySatisfy(a -> assertThat(a).startsWith("no leak: growth stopped after"));
    }

    /**
     * 20 s: one insert every 10 ms into a cache of 700 entries of 1 KiB (full at 7 s) that then evicts its oldest;
     * with {@code leak} non-null, every 10th request also leaks 512 B from that stack.
     */
    private void cacheWithEviction(Stack leak) {
        Stack cache = stack("cache_put", "serve", "main");
        java.util.ArrayDeque<Long> lru = new java.util.ArrayDeque<>();
        for (int i = 0; i < 2000; i++) {
            long t = i * S / 100;
            lru.add(alloc(t, 1, 1024, cache));
            if (lru.size() > 700) free(t + 1, 1, lru.poll());
            if (leak != null && i % 10 == 0) alloc(t + 2, 1, 512, leak);
        }
    }

    @Test
    void a_cache_that_reaches_its_size_and_then_evicts_is_a_plateau_not_a_leak() throws Exception {
        cacheWithEviction(null);
        AnalysisResult r = analyze(true, 20 * S + 1); // exits without freeing the cache
        Suspect s = of(r, "cache_put");
        assertThat(s.label()).isEqualTo(Label.PLATEAU);
        assertThat(s.bytes()).isEqualTo(700 * 1024);
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(r.evidence()).contains("700.0 KiB from 1 stack that grew and then stayed level");
    }

    @Test
    void a_leak_that_goes_on_to_the_end_is_not_a_plateau() throws Exception {
        cacheWithEviction(stack("leak_request", "serve", "main"));
        AnalysisResult r = analyze(true, 20 * S + 1);
        assertThat(of(r, "leak_request").label()).isIn(Label.GROWING, Label.LEAKED);
        assertThat(of(r, "cache_put").label()).isEqualTo(Label.PLATEAU);
        assertThat(r.verdict()).isIn(Verdict.GROWTH, Verdict.LEAK);
        assertThat(r.suspects().get(0).stack().frames().get(0).function()).isEqualTo("leak_request");
    }

    @Test
    void a_clock_in_whole_seconds_counts_leak_moments_by_event_order() throws Exception {
        Stack leak = stack("leak_request", "main");
        Stack work = stack("work", "main");
        // everything happens within one second (ltrace -t prints HH:MM:SS): four rounds of work, each leaking once
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 50; i++) free(0, 1, alloc(0, 1, 100, work));
            alloc(0, 1, 64, leak);
        }
        AnalysisResult r = analyze(true, 0);
        assertThat(of(r, "leak_request").label()).isEqualTo(Label.LEAKED);
        assertThat(r.verdict()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void a_small_leak_spread_evenly_over_the_run_is_a_leak_even_when_the_program_idles_before_exit() throws Exception {
        Stack leak = stack("intern_token", "decode_field", "main");
        Stack work = stack("scratch", "main");
        Stack table = stack("fill_table", "main");
        for (int i = 0; i < 50; i++) alloc(i * 1000, 1, 64, table);               // a table filled in one go, kept
        for (int i = 0; i < 260; i++) {                                            // 260 messages over 2.6 s
            long t = S + i * S / 100;
            long a = alloc(t, 1, 200, work);
            if (i % 13 == 0) alloc(t + 10, 1, 56, leak);                          // every 13th leaks 56 B
            free(t + 20, 1, a);
        }
        AnalysisResult r = analyze(true, 60 * S);                                  // then idles for a minute
        assertThat(of(r, "intern_token").label()).isEqualTo(Label.LEAKED);
        assertThat(of(r, "intern_token").blocks()).isEqualTo(20);
        assertThat(of(r, "fill_table").label()).isEqualTo(Label.ONE_OFF);
        assertThat(r.verdict()).isEqualTo(Verdict.LEAK);
    }

    @Test
    void a_cache_that_filled_and_evicted_then_served_reads_until_exit_is_still_a_plateau() throws Exception {
        Stack cache = stack("cache_put", "serve", "main");
        Stack reads = stack("lookup_buffer", "serve", "main");
        java.util.ArrayDeque<Long> lru = new java.util.ArrayDeque<>();
        for (int i = 0; i < 1000; i++) {                           // 10 s of inserts; full (300 entries) at 3 s
            long t = i * S / 100;
            lru.add(alloc(t, 1, 2048, cache));
            if (lru.size() > 300) free(t + 1, 1, lru.poll());
        }
        for (int i = 0; i < 1000; i++) free(10 * S + i * S / 100 + 1, 1, alloc(10 * S + i * S / 100, 1, 64, reads));
        AnalysisResult r = analyze(true, 20 * S + 1);               // 10 s of reads only, then exit with the cache
        assertThat(of(r, "cache_put").label()).isEqualTo(Label.PLATEAU);
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
    }
}
