package io.heapsift.cli;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Label;
import io.heapsift.analysis.Suspect;
import io.heapsift.gate.Gate;
import io.heapsift.gate.Leak;
import io.heapsift.gate.Metric;
import io.heapsift.gate.Rules;
import io.heapsift.gate.StackKeys;
import io.heapsift.gate.Suppressions;
import io.heapsift.gate.TraceVerdict;
import io.heapsift.gate.Violation;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate judges each trace from its analysis: the growth rate of a stack is the analysis' fitted slope of a stack it
 * labels growing, retained bytes are the analysis' retention, peak bytes the replay's peak — the numbers
 * {@code heapsift analyze} prints. And ltrace -x captures name the stdio call around libc's buffer malloc, so a tidy
 * program that prints passes while a leaking one still fails with its stack named.
 */
class GateAnalysisTest {

    private static AnalysisResult analyse(Path file) throws Exception {
        return new TraceAnalysis(null, false).run(file, List.of(), null).result();
    }

    private static Gate gate(Rules rules) {
        return new Gate(rules, new Suppressions().add(Suppressions.defaults()), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memleak/growth.memleak.txt", "bpftrace/growth.bpftrace.txt",
            "memleak-libbpf/growth.memleak-libbpf.txt"})
    void growth_rate_is_the_analysis_suspects_fitted_slope(String rel) throws Exception {
        Path file = TestFiles.fixture(rel);
        AnalysisResult a = analyse(file);
        List<Suspect> growing = a.suspects().stream().filter(s -> s.label() == Label.GROWING).toList();
        assertThat(growing).hasSize(1);
        Suspect s = growing.get(0);
        double rate = s.growthBytesPerSecond();
        assertThat(rate).isEqualTo(s.growth().slope()).isGreaterThan(10240);

        TraceVerdict v = gate(Rules.defaults().limit(Metric.DEFINITE_BYTES, Rules.NONE).limit(Metric.GROWTH_RATE, 10240))
                .evaluate(file, a);
        Leak leak = v.leaks().stream().filter(l -> l.key().equals(StackKeys.key(s.stack()))).findFirst().orElseThrow();
        assertThat(leak.growthBytesPerSecond()).isEqualTo(rate);
        assertThat(v.violations()).extracting(Violation::rule, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("growth-rate", "growth rate at grow_list ← main is " + Math.round(rate)
                        + " bytes/s, but expected maximum is 10240 bytes/s"));
        // the same number reaches the user from the command line
        CliRunner.Result r = CliRunner.run("gate", "--max-definite-bytes", "none", "--max-growth-rate", "10k", file.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("growth rate at grow_list ← main is " + Math.round(rate)
                + " bytes/s, but expected maximum is 10240 bytes/s");
        // ... and analyze shows it, in KiB/s
        assertThat(CliRunner.run("analyze", file.toString()).out())
                .contains("[growing, +" + io.heapsift.report.Bytes.human(Math.round(rate)) + "/s]");
    }

    @Test
    void stacks_the_analysis_does_not_find_growing_have_no_growth_rate() {
        // leaky keeps blocks at the end (the old interim estimate made that bytes per second since the first
        // allocation); the analysis finds no trend, so even a zero growth limit passes
        CliRunner.Result leaky = CliRunner.run("gate", "--max-definite-bytes", "none", "--max-growth-rate", "0",
                TestFiles.fixture("bpftrace/leaky.bpftrace.txt").toString());
        assertThat(leaky.exit()).as(leaky.out()).isEqualTo(0);
        CliRunner.Result growth = CliRunner.run("gate", "--max-definite-bytes", "none", "--max-growth-rate", "0",
                TestFiles.fixture("bpftrace/growth.bpftrace.txt").toString());
        assertThat(growth.exit()).isEqualTo(4);
        assertThat(growth.out()).containsPattern("growth rate at grow_list ← main is \\d+ bytes/s, but expected maximum is 0 bytes/s");
    }

    @Test
    void growth_rate_is_not_checked_without_times() {
        CliRunner.Result r = CliRunner.run("gate", "--max-definite-bytes", "none", "--max-growth-rate", "0",
                TestFiles.fixture("ltrace/leaky.ltrace-x.txt").toString());
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("not checked: growth-rate: the capture has no usable times: growth is fitted per "
                + "event, not per second");
    }

    @Test
    void retained_and_peak_bytes_are_the_analysis_figures() throws Exception {
        // pin64k_pin: 128 MiB freed below a 100-byte pin, held until the program's own malloc_trim returns it
        Path file = TestFiles.fixture("workloads/pin64k_pin.ltrace.txt");
        AnalysisResult a = analyse(file);
        assertThat(a.retention().where()).isEqualTo("before malloc_trim #1");
        assertThat(a.retention().retainedBytes()).isGreaterThanOrEqualTo(128L << 20);
        TraceVerdict v = gate(Rules.defaults().limit(Metric.DEFINITE_BYTES, Rules.NONE).limit(Metric.RETAINED_BYTES, 1 << 20)
                .limit(Metric.PEAK_BYTES, 1 << 20)).evaluate(file, a);
        assertThat(v.violations()).extracting(Violation::rule, Violation::message, Violation::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("retained-bytes", "retained bytes (heap RSS estimate minus live bytes "
                        + "before malloc_trim #1, glibc malloc model) is " + a.retention().retainedBytes()
                        + ", but expected maximum is 1048576", 0L),
                org.assertj.core.groups.Tuple.tuple("peak-bytes", "peak heap RSS estimate (glibc malloc model) is "
                        + a.replay().peak().footprint().rssBytes() + ", but expected maximum is 1048576",
                        a.replay().peak().line()));
    }

    @Test
    void retention_at_the_end_names_the_line_and_largest_pinner() throws Exception {
        Path file = TestFiles.fixture("bpftrace/growth.bpftrace.txt");
        AnalysisResult a = analyse(file);
        assertThat(a.retention().where()).isEqualTo("at the end");
        TraceVerdict v = gate(Rules.defaults().limit(Metric.DEFINITE_BYTES, Rules.NONE).limit(Metric.RETAINED_BYTES, 1024))
                .evaluate(file, a);
        assertThat(v.violations()).hasSize(1);
        Violation x = v.violations().get(0);
        assertThat(x.message()).startsWith("retained bytes (heap RSS estimate minus live bytes at the end, glibc malloc "
                + "model) is " + a.retention().retainedBytes() + ", but expected maximum is 1024");
        assertThat(x.line()).isEqualTo(a.replay().end().line());
    }

    @Test
    void ltrace_x_of_a_tidy_program_that_prints_passes_on_libcs_stdout_buffer() {
        String tidy = TestFiles.fixture("ltrace/tidy_stdio.ltrace-x.txt").toString();
        CliRunner.Result r = CliRunner.run("gate", tidy);
        assertThat(r.exit()).as(r.out()).isEqualTo(0);
        assertThat(r.out()).contains("  suppressed: 1 stack, 4096 bytes\n")
                .containsPattern("1 stack +4096 bytes +1 blocks +heapsift-default:stdio-call-printf \\(built-in\\)");
        // it is the built-in suppression that lets it pass: without it, the buffer is named by its call
        CliRunner.Result bare = CliRunner.run("gate", "--no-default-suppressions", tidy);
        assertThat(bare.exit()).isEqualTo(4);
        assertThat(bare.out()).contains("tidy_stdio.ltrace-x.txt:2: outstanding (never freed) bytes at printf is 4096, "
                + "but expected maximum is 0");
    }

    @Test
    void ltrace_x_of_leaky_still_fails_and_names_strdup() {
        CliRunner.Result r = CliRunner.run("gate", TestFiles.fixture("ltrace/leaky.ltrace-x.txt").toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("FAIL  ").contains("(ltrace): 2 violations")
                .contains("leaky.ltrace-x.txt:8: outstanding (never freed) bytes at <no stack> is 1320, but expected maximum is 0")
                .contains("leaky.ltrace-x.txt:46: outstanding (never freed) bytes at strdup is 30, but expected maximum is 0")
                .contains("suppressed: 1 stack, 4096 bytes");
    }
}
