package io.heapsift.cli;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Label;
import io.heapsift.analysis.Verdict;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stories the analysis exists for, on real captures, with the numbers that make them. */
class SeedStoriesTest {

    static AnalysisResult analyze(String rel) throws Exception {
        return new TraceAnalysis(null, true).run(TestFiles.fixture(rel), List.of(), null).result();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bpftrace/growth.bpftrace.txt", "bpftrace/growth.attach.bpftrace.txt",
        "memleak/growth.memleak.txt", "memleak/growth.memleak-o0.txt", "memleak-libbpf/growth.memleak-libbpf.txt"})
    void growth_program_is_a_growing_leak_of_about_80_KiB_per_second(String rel) throws Exception {
        AnalysisResult r = analyze(rel);
        assertThat(r.verdict()).isIn(Verdict.GROWTH, Verdict.LEAK);
        var top = r.problems().get(0);
        assertThat(top.label()).isEqualTo(Label.GROWING);
        // growth.c: a 4 KiB node every 50 ms = 80 KiB/s (81,920 B/s), minus tracing overhead
        assertThat(top.growthBytesPerSecond()).isBetween(50_000.0, 90_000.0);
        assertThat(r.evidence()).contains("grew steadily");
    }

    @Test
    void pin64k_pin_is_fragmentation_held_below_the_pin() throws Exception {
        AnalysisResult r = analyze("workloads/pin64k_pin.bpftrace.txt");
        assertThat(r.verdict()).isEqualTo(Verdict.FRAGMENTATION);
        assertThat(r.retention().retainedBytes()).isGreaterThan(120L << 20);
        assertThat(r.retention().where()).startsWith("before malloc_trim");
        assertThat(r.evidence()).contains("128.0 MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"workloads/holes_10000_2.bpftrace.txt", "workloads/holes_1000_64.ltrace.txt.gz"})
    void holes_are_fragmentation(String rel) throws Exception {
        AnalysisResult r = analyze(rel);
        assertThat(r.verdict()).isEqualTo(Verdict.FRAGMENTATION);
        assertThat(r.retention().binnedBytes()).isGreaterThan(4L << 20);
        assertThat(r.evidence()).contains("free holes");
    }

    @Test
    void threads_conc_is_arena_retention_and_fewer_arenas_would_help() throws Exception {
        AnalysisResult r = analyze("workloads/threads_conc.bpftrace.txt");
        assertThat(r.verdict()).isEqualTo(Verdict.FRAGMENTATION);
        assertThat(r.retention().arenas()).isEqualTo(5);
        assertThat(r.evidence()).contains("5 arenas");
        assertThat(r.whatIf()).anySatisfy(w -> {
            assertThat(w.config()).isEqualTo("arena_max=2");
            assertThat(w.endRssBytes()).isLessThan(w.baseEndRss());
        });
        assertThat(String.join("\n", r.advice())).contains("MALLOC_ARENA_MAX=2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bpftrace/tidy.bpftrace.txt", "valgrind/tidy.memcheck.txt", "valgrind/tidy.tracemalloc.txt",
        "workloads/mmap128k.bpftrace.txt", "workloads/pin64k_rev.bpftrace.txt", "workloads/cache_f1.bpftrace.txt"})
    void tidy_programs_and_warm_up_are_clean(String rel) throws Exception {
        assertThat(analyze(rel).verdict()).isEqualTo(Verdict.CLEAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"valgrind/leaky.memcheck.txt", "valgrind/leaky.memcheck.xml", "valgrind/threads.memcheck.txt",
        "valgrind/cxx_leaks.memcheck.txt", "valgrind/leaky.memcheck-summary.txt"})
    void valgrind_definite_leaks_are_leaks_whatever_their_size(String rel) throws Exception {
        AnalysisResult r = analyze(rel);
        assertThat(r.verdict()).isEqualTo(Verdict.LEAK);
        assertThat(r.severity()).isEqualTo("low");
        assertThat(r.evidence()).contains("A small leak");
    }
}
