package io.heapsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapsift.testing.TestFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String fixture(String rel) {
        return TestFiles.fixture(rel).toString();
    }

    @Test
    void json_is_one_object_with_verdict_evidence_suspects_and_the_replay_figures() throws Exception {
        CliRunner.Result r = CliRunner.run("analyze", "--output", "json", fixture("bpftrace/growth.bpftrace.txt"));
        assertThat(r.exit()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.isObject()).isTrue();
        assertThat(n.get("verdict").asText()).isIn("GROWTH", "LEAK");
        assertThat(n.get("evidence").asText()).contains("grow_list");
        JsonNode top = n.get("suspects").get(0);
        assertThat(top.get("frames").get(0).asText()).isEqualTo("grow_list");
        assertThat(top.get("bytes").asLong()).isEqualTo(80 * 4096);
        assertThat(top.get("blocks").asLong()).isEqualTo(80);
        assertThat(top.get("label").asText()).isEqualTo("growing");
        assertThat(top.get("growthBytesPerSecond").asLong()).isBetween(50_000L, 90_000L);
        // the replay's figures under the replay JSON's names
        assertThat(n.get("peak").get("rssBytes").asLong()).isPositive();
        assertThat(n.get("end").get("liveBytes").asLong()).isEqualTo(324 * 1024);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bpftrace/growth.bpftrace.txt", "valgrind/leaky.memcheck.txt",
        "workloads/threads_conc.bpftrace.txt", "workloads/mmap128k.bpftrace.txt", "bpftrace/tidy.bpftrace.txt",
        "memleak/growth.memleak.txt", "valgrind/tidy.memcheck.xml"})
    void json_validates_against_the_schema(String rel) throws Exception {
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(TestFiles.root().resolve("docs/json/analyze.schema.json")));
        CliRunner.Result r = CliRunner.run("analyze", "-O", "json", fixture(rel));
        assertThat(schema.validate(JSON.readTree(r.out()))).isEmpty();
    }

    @Test
    void a_capture_without_allocation_data_is_an_input_error_not_a_clean_verdict() {
        CliRunner.Result r = CliRunner.run("analyze", "-O", "json", fixture("ltrace/leaky.ltrace-c.txt"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("leaky.ltrace-c.txt: no allocation data in this ltrace capture");
    }

    @Test
    void no_what_if_skips_the_extra_replays() throws Exception {
        String f = fixture("workloads/threads_conc.bpftrace.txt");
        assertThat(JSON.readTree(CliRunner.run("analyze", "-O", "json", f).out()).get("whatIf")).hasSize(2);
        assertThat(JSON.readTree(CliRunner.run("analyze", "-O", "json", "--no-what-if", f).out()).get("whatIf")).isEmpty();
    }

    @Test
    void json_of_a_leak_report_has_no_replay_figures() throws Exception {
        CliRunner.Result r = CliRunner.run("analyze", "-O", "json", fixture("valgrind/leaky.memcheck.txt"));
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("verdict").asText()).isEqualTo("LEAK");
        assertThat(n.has("peak")).isFalse();
        assertThat(n.get("suspects").get(0).get("label").asText()).isEqualTo("definite");
    }

    @Test
    void folded_stacks_are_outermost_first_with_bytes() {
        CliRunner.Result r = CliRunner.run("analyze", "--output", "folded", fixture("bpftrace/growth.bpftrace.txt"));
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).contains("__libc_start_call_main;main;grow_list 327680", "_IO_file_doallocate 4096");
        assertThat(r.out().lines()).allMatch(l -> l.matches("\\S.* \\d+"));
    }

    @Test
    void csv_has_a_header_and_one_row_per_stack() throws Exception {
        CliRunner.Result r = CliRunner.run("analyze", "--output", "csv", fixture("valgrind/leaky.memcheck.txt"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(r.out())).getRecords();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).get("verdict")).isEqualTo("LEAK");
        assertThat(rows.get(0).get("stack")).contains("main;leak_big_block");
    }

    @Test
    void text_has_no_colour_off_a_terminal_and_writes_to_a_file(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("analyze", fixture("workloads/pin64k_pin.bpftrace.txt"));
        assertThat(r.out()).contains("verdict: FRAGMENTATION").doesNotContain("\u001b[");
        Path out = dir.resolve("r.html");
        CliRunner.Result h = CliRunner.run("analyze", "-O", "html", "-o", out.toString(), fixture("workloads/pin64k_pin.bpftrace.txt"));
        assertThat(h.exit()).isZero();
        assertThat(h.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").contains("\"verdict\":\"FRAGMENTATION\"");
    }

    @Test
    void overlays_are_read_and_shown(@TempDir Path dir) throws Exception {
        Path rss = dir.resolve("rss.log");
        Files.writeString(rss, "1.0\nVmRSS: 1000 kB\n2.0\nVmRSS: 132000 kB\n3.0\nVmRSS: 1400 kB\n");
        Path stats = dir.resolve("stats.txt");
        Files.writeString(stats, "Arena 0:\nsystem bytes     =     135168\nin use bytes     =       1840\n"
                + "Total (incl. mmap):\nsystem bytes     =     135168\nin use bytes     =       1840\n");
        CliRunner.Result r = CliRunner.run("analyze", "-O", "json", "--rss", rss.toString(), "--malloc-stats",
                stats.toString(), fixture("workloads/pin64k_pin.bpftrace.txt"));
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("sampledRss")).hasSize(3);
        assertThat(n.get("mallocStats").get("systemBytes").asLong()).isEqualTo(135168);
        CliRunner.Result t = CliRunner.run("analyze", "--rss", rss.toString(), fixture("workloads/pin64k_pin.bpftrace.txt"));
        assertThat(t.out()).contains("sampled RSS: 3 samples");
    }

    @Test
    void sampled_rss_with_epoch_stamps_aligns_with_an_epoch_clocked_trace_else_starts_with_it() {
        long traceStart = 1_764_000_000_500_000_000L; // an ltrace -ttt trace's first event
        List<io.heapsift.analysis.ChartPoint> epoch = List.of(new io.heapsift.analysis.ChartPoint(1_764_000_000.0, -1, -1, 1),
                new io.heapsift.analysis.ChartPoint(1_764_000_002.0, -1, -1, 2));
        assertThat(TraceAnalysis.align(epoch, traceStart)).extracting(io.heapsift.analysis.ChartPoint::x)
                .containsExactly(-0.5, 1.5);
        // a trace clocked from boot (bpftrace): the samples begin with the run
        assertThat(TraceAnalysis.align(epoch, 5_000_000_000L)).extracting(io.heapsift.analysis.ChartPoint::x)
                .containsExactly(0.0, 2.0);
        // ps -o etimes: seconds since the process started, kept
        List<io.heapsift.analysis.ChartPoint> etimes = List.of(new io.heapsift.analysis.ChartPoint(3, -1, -1, 1));
        assertThat(TraceAnalysis.align(etimes, traceStart)).extracting(io.heapsift.analysis.ChartPoint::x).containsExactly(3.0);
        assertThat(TraceAnalysis.align(epoch, io.heapsift.event.TraceEvent.NO_TIME)).extracting(io.heapsift.analysis.ChartPoint::x)
                .containsExactly(0.0, 2.0);
    }

    @Test
    void unreadable_overlay_is_an_input_error(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.log");
        Files.writeString(bad, "nothing here\n");
        CliRunner.Result r = CliRunner.run("analyze", "--rss", bad.toString(), fixture("bpftrace/tidy.bpftrace.txt"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("bad.log");
    }

    @Test
    void report_writes_a_ranked_index_pages_and_summaries_without_progress_off_a_terminal(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("report", "--jobs", "2", "-o", out.toString(),
                fixture("workloads/pin64k_pin.bpftrace.txt"), fixture("bpftrace/tidy.bpftrace.txt"),
                fixture("valgrind/leaky.memcheck.txt"), fixture("bpftrace/growth.bpftrace.txt"));
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("[#").doesNotContain("\r");
        assertThat(out.resolve("index.html")).exists();
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("traces")).hasSize(4);
        List<String> verdicts = new java.util.ArrayList<>();
        s.get("traces").forEach(t -> verdicts.add(t.get("verdict").asText()));
        assertThat(verdicts.get(verdicts.size() - 1)).isEqualTo("CLEAN");
        assertThat(verdicts).contains("FRAGMENTATION", "LEAK");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(out.resolve("summary.csv"))).getRecords();
        assertThat(rows).hasSize(4);
        for (CSVRecord row : rows) assertThat(out.resolve(row.get("page"))).exists();
        assertThat(Files.readString(out.resolve("index.html"))).contains("\"kind\":\"index\"");
    }

    @Test
    void report_progress_can_be_forced_and_unreadable_traces_are_errors(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "this is not a capture\n");
        CliRunner.Result r = CliRunner.run("report", "--progress", "-o", dir.resolve("o").toString(), junk.toString(),
                fixture("bpftrace/tidy.bpftrace.txt"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("2/2");
        assertThat(Files.readString(dir.resolve("o/summary.csv"))).contains("ERROR");
    }
}
