package io.heapsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code heapsift replay} in-process, on real captures. */
class ReplayCommandTest {

    static final String TRACE = "valgrind/leaky.tracemalloc.txt";

    @TempDir
    Path dir;

    @Test
    void json_is_one_object_with_peak_end_incompleteness_pinning_and_config() throws Exception {
        CliRunner.Result r = CliRunner.run("replay", "--output", "json", TestFiles.fixture(TRACE).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.isObject()).isTrue();
        assertThat(j.get("events").asLong()).isPositive();
        for (String at : List.of("peak", "end")) {
            JsonNode s = j.get(at);
            for (String f : List.of("liveBytes", "arenaBytes", "mmapBytes", "mmapCount", "freeBytes", "topBytes",
                    "trimmableBytes", "rssBytes")) {
                assertThat(s.get(f)).as("%s.%s", at, f).isNotNull();
                assertThat(s.get(f).isNumber()).as("%s.%s is a number", at, f).isTrue();
            }
        }
        // sanity of the numbers: free space never negative, arena = in use + free
        assertThat(j.at("/end/freeBytes").asLong()).isNotNegative();
        assertThat(j.at("/end/arenaBytes").asLong()).isGreaterThanOrEqualTo(j.at("/end/freeBytes").asLong());
        assertThat(j.at("/peak/rssBytes").asLong()).isGreaterThanOrEqualTo(j.at("/end/rssBytes").asLong());
        assertThat(j.get("fidelity")).as("valgrind addresses are not glibc's").isNull();
        assertThat(j.at("/incomplete/noThread").asLong()).isPositive();
        assertThat(j.at("/pinning/end/arenas").isArray()).isTrue();
        assertThat(j.at("/config/mmap_threshold").asLong()).isEqualTo(131072);
        assertThat(j.at("/config/label").asText()).isEqualTo("defaults");
    }

    @Test
    void tunables_and_compare_give_a_what_if_table() throws Exception {
        CliRunner.Result r = CliRunner.run("replay", "--malloc", "top_pad=0", "--compare", "tcache_count=0",
                "--compare", "trim_every=10", "--output", "json", TestFiles.fixture(TRACE).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/config/top_pad").asLong()).isZero();
        assertThat(j.at("/config/dynamicThresholdFrozen").asBoolean()).isTrue();
        JsonNode w = j.get("whatIf");
        assertThat(w).hasSize(3);
        assertThat(w.get(0).get("config").asText()).isEqualTo("top_pad=0");
        assertThat(w.get(1).get("config").asText()).isEqualTo("top_pad=0,tcache_count=0");
        assertThat(w.get(2).get("config").asText()).isEqualTo("top_pad=0,trim_every=10 events");
        assertThat(w.get(2).get("periodicTrims").asLong()).isPositive();
        // top_pad=0: the arena is only as large as the blocks need, page-rounded
        assertThat(j.at("/end/arenaBytes").asLong()).isLessThan(135168);

        CliRunner.Result text = CliRunner.run("replay", "--compare", "arena_max=1", TestFiles.fixture(TRACE).toString());
        assertThat(text.out()).contains("what-if").contains("arena_max=1").contains("peak RSS");
    }

    @Test
    void text_explains_and_timeline_csv_has_every_sample() throws Exception {
        Path csv = dir.resolve("t.csv");
        CliRunner.Result r = CliRunner.run("replay", "--timeline", csv.toString(), TestFiles.fixture(TRACE).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("live (requested by the program)").contains("malloc_trim(0) would release")
                .contains("RSS estimate");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("event,line,time_ns,mark,live_bytes,chunk_bytes,arena_bytes,arena_0,")
                .endsWith("trimmable_bytes,rss_bytes,vmdata_bytes");
        assertThat(lines).anyMatch(l -> l.contains(",peak,")).anyMatch(l -> l.contains(",end,"));
        assertThat(lines.size()).isGreaterThan(139 / 16 + 2); // a regular sample every 16 events, the peak, the end
    }

    @Test
    void csv_output_has_a_row_per_configuration_and_moment() {
        CliRunner.Result r = CliRunner.run("replay", "-O", "csv", "--compare", "mxfast=0", TestFiles.fixture(TRACE).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("source,config,at,event,live_bytes");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).contains(",mxfast=0,peak,");
    }

    @Test
    void ground_truth_file_is_compared_at_each_checkpoint() throws Exception {
        Path tsv = dir.resolve("truth.tsv");
        Files.writeString(tsv, "seq\tlabel\tarena\tordblks\tsmblks\thblks\thblkhd\tuordblks\tfordblks\tfsmblks\tkeepcost\trss_kb\tvmdata_kb\n");
        CliRunner.Result r = CliRunner.run("replay", "-O", "json", "--mallinfo", tsv.toString(),
                TestFiles.fixture(TRACE).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/checkpoints/tsvRows").asInt()).isZero();
        assertThat(j.at("/checkpoints/fields/arena/exactShare").asDouble()).isEqualTo(1.0);
    }

    @Test
    void without_a_file_glibcs_mallinfo2_results_in_the_trace_are_the_ground_truth() throws Exception {
        // the capture alone, away from its mallinfo TSV: the C ... mallinfo2 = ... records carry glibc's numbers
        Path trace = dir.resolve("realloc.bpftrace.txt");
        Files.copy(TestFiles.fixture("workloads/realloc.bpftrace.txt"), trace);
        CliRunner.Result r = CliRunner.run("replay", "-O", "json", trace.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/checkpoints/source").asText()).isEqualTo(ReplayCommand.TRACED_TRUTH);
        assertThat(j.at("/checkpoints/compared").asInt()).isEqualTo(13);
        for (String f : List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "uordblks", "fordblks", "fsmblks",
                "keepcost")) {
            assertThat(j.at("/checkpoints/fields/" + f + "/exact").asInt()).as(f).isEqualTo(13);
        }
        assertThat(j.at("/checkpoints/rss/compared").asInt()).isZero();
        assertThat(j.at("/checkpoints/rows/0/glibc/arena").asLong()).isPositive();
        assertThat(j.at("/checkpoints/rows/0/glibcRssBytes").asLong()).isEqualTo(-1);
        CliRunner.Result text = CliRunner.run("replay", trace.toString());
        assertThat(text.out()).contains("mallinfo2 fidelity against " + ReplayCommand.TRACED_TRUTH)
                .doesNotContain("RSS estimate: max error"); // no VmRSS in the trace

        JsonNode calls = j.get("mallinfoCalls");
        assertThat(calls).hasSize(13);
        for (JsonNode c : calls) assertThat(c.get("model")).isEqualTo(c.get("glibc"));

        // with the program's own TSV beside it, the file wins (it adds VmRSS)
        Files.copy(TestFiles.fixture("workloads/realloc.bpftrace.mallinfo.tsv"), dir.resolve("realloc.bpftrace.mallinfo.tsv"));
        JsonNode k = new ObjectMapper().readTree(CliRunner.run("replay", "-O", "json", trace.toString()).out());
        assertThat(k.at("/checkpoints/source").asText()).isEqualTo("realloc.bpftrace.mallinfo.tsv");
        assertThat(k.at("/checkpoints/rss/compared").asInt()).isEqualTo(13);
    }

    @Test
    void every_mallinfo2_call_of_the_trace_has_the_models_numbers_ground_truth_or_not() throws Exception {
        // ltrace shows no struct: no ground truth, but the model's mallinfo2 at each of the 13 calls
        Path trace = dir.resolve("realloc.ltrace.txt");
        Files.copy(TestFiles.fixture("workloads/realloc.ltrace.txt"), trace);
        JsonNode j = new ObjectMapper().readTree(CliRunner.run("replay", "-O", "json", trace.toString()).out());
        assertThat(j.get("checkpoints")).isNull();
        JsonNode calls = j.get("mallinfoCalls");
        assertThat(calls).hasSize(13);
        assertThat(calls.get(0).get("glibc")).isNull();
        // the workload's first checkpoint, glibc's own numbers in its TSV: arena, then the model's
        String first = Files.readAllLines(TestFiles.fixture("workloads/realloc.ltrace.mallinfo.tsv")).get(1);
        assertThat(calls.get(0).at("/model/arena").asLong()).isEqualTo(Long.parseLong(first.split("\t")[2]));
        assertThat(calls.get(12).get("ordinal").asInt()).isEqualTo(13);
        assertThat(calls.get(12).get("eventIndex").asLong()).isGreaterThan(calls.get(0).get("eventIndex").asLong());
        assertThat(CliRunner.run("replay", trace.toString()).out()).contains("13 mallinfo2() calls in the trace");
    }

    @Test
    void bad_input_and_bad_options_have_their_exit_codes() throws Exception {
        assertThat(CliRunner.run("replay", dir.resolve("missing.txt").toString()).exit()).isEqualTo(3);
        CliRunner.Result leakReport = CliRunner.run("replay", TestFiles.fixture("valgrind/leaky.memcheck.txt").toString());
        assertThat(leakReport.exit()).isEqualTo(3);
        assertThat(leakReport.err()).contains("nothing to replay");
        CliRunner.Result badTunable = CliRunner.run("replay", "--malloc", "mmap_treshold=1", TestFiles.fixture(TRACE).toString());
        assertThat(badTunable.exit()).isEqualTo(2);
        assertThat(badTunable.err()).contains("mmap_treshold");
        assertThat(CliRunner.run("replay", "--trim-every", "soon", TestFiles.fixture(TRACE).toString()).exit()).isEqualTo(2);
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "1\tx\t3\n");
        CliRunner.Result badTsv = CliRunner.run("replay", "--mallinfo", bad.toString(), TestFiles.fixture(TRACE).toString());
        assertThat(badTsv.exit()).isEqualTo(3);
        assertThat(badTsv.err()).contains("bad.tsv:1:");
    }

    @Test
    void help_teaches_what_the_numbers_mean() {
        CliRunner.Result r = CliRunner.run("replay", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("retained").contains("pinned").contains("trimmable").contains("--compare")
                .contains("Exit codes");
    }
}
