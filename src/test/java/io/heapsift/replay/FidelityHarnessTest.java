package io.heapsift.replay;

import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fidelity harness: every workload trace in {@code fixtures/workloads} that has its run's ground truth
 * ({@code <name>.<tool>.mallinfo.tsv}) is replayed through the glibc model with glibc's defaults, and compared
 * with glibc's own mallinfo2 at every checkpoint and, allocation by allocation, with glibc's addresses.
 *
 * <p>The measured figures are a regression floor: {@code src/test/resources/fidelity/floors.tsv} holds what was
 * measured when the floor was last set; a replay may not do worse. {@code -Dfidelity.update=true} rewrites the
 * floors from the current measurement (only after checking that a change is an improvement or understood) and
 * writes the table quoted by docs/fidelity.md to {@code target/fidelity.md}.
 */
class FidelityHarnessTest {

    static final Pattern TRACE = Pattern.compile("(.+)\\.(bpftrace|ltrace)\\.txt(\\.gz)?");
    static final Path FLOORS = TestFiles.root().resolve("src/test/resources/fidelity/floors.tsv");
    static final List<String> COLUMNS = new ArrayList<>();
    static final Map<String, Map<String, Double>> MEASURED = new TreeMap<>();
    static final Map<String, String> TABLE = new TreeMap<>();

    static {
        COLUMNS.add("placedExactShare");
        COLUMNS.add("sameSideShare");
        for (String f : CheckpointComparison.FIELD_NAMES) COLUMNS.add(f);
        for (String f : CheckpointComparison.FIELD_NAMES) COLUMNS.add(f + ".maxRelError");
        COLUMNS.add("rss.maxRelError");
    }

    static Stream<Path> traces() throws IOException {
        Path dir = TestFiles.fixtures().resolve("workloads");
        if (!Files.isDirectory(dir)) return Stream.empty();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> TRACE.matcher(p.getFileName().toString()).matches())
                    .filter(p -> MallinfoTsv.besides(p) != null).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void replay_matches_glibc_at_least_as_well_as_measured(Path trace) throws Exception {
        Ingest ingest = Ingest.standard();
        String format = TRACE.matcher(trace.getFileName().toString()).replaceAll("$2");
        assumeTrue(ingest.registry().formats().stream().anyMatch(f -> f.id().contains(format)),
                "no " + format + " parser in this build");
        Replayer r = new Replayer(new PtmallocModel(), ReplayOptions.defaults(), "defaults");
        ParseSummary s = ingest.parse(trace, null, r);
        ReplayResult res = r.result();
        List<MallinfoRow> truth = MallinfoTsv.read(MallinfoTsv.besides(trace));
        CheckpointComparison c = CheckpointComparison.compare(res.checkpoints(), truth);
        String name = trace.getFileName().toString().replaceFirst("\\.txt(\\.gz)?$", "");

        Map<String, Double> m = new LinkedHashMap<>();
        m.put("placedExactShare", res.placement().placedExactShare());
        m.put("sameSideShare", res.placement().sameSideShare());
        for (CheckpointComparison.Field f : c.fields()) m.put(f.name(), f.exactShare());
        for (CheckpointComparison.Field f : c.fields()) m.put(f.name() + ".maxRelError", f.maxRelError());
        m.put("rss.maxRelError", c.rss().maxRelError());
        MEASURED.put(name, m);
        TABLE.put(name, row(name, s, res, c));

        // every checkpoint of the run must be in the trace: the N-th mallinfo2 call is row N
        assertThat(res.checkpoints()).as("mallinfo2 calls in %s", name).hasSize(truth.size());
        // the bpftrace script records mallinfo2's result: the same numbers the program wrote to its TSV
        List<MallinfoRow> traced = CheckpointComparison.tracedTruth(res.checkpoints());
        if (format.equals("bpftrace")) {
            assertThat(traced).as("mallinfo2 results recorded in %s", name).isNotNull();
            assertThat(traced.stream().map(MallinfoRow::mallinfo).toList())
                    .isEqualTo(truth.stream().map(MallinfoRow::mallinfo).toList());
        } else {
            assertThat(traced).as("%s records no mallinfo2 result", format).isNull();
        }
        if (Boolean.getBoolean("fidelity.update")) return;
        Map<String, Double> floor = floors().get(name);
        // a new capture has no floor yet: it is measured (target/fidelity.md) but not held to one
        assumeTrue(floor != null, "no fidelity floor for " + name + " yet: set it with -Dfidelity.update=true");
        for (Map.Entry<String, Double> e : floor.entrySet()) {
            double now = m.get(e.getKey());
            if (e.getKey().endsWith("Error")) {
                assertThat(now).as("%s %s (ceiling %s)", name, e.getKey(), e.getValue()).isLessThanOrEqualTo(e.getValue() + 1e-9);
            } else {
                assertThat(now).as("%s %s (floor %s)", name, e.getKey(), e.getValue()).isGreaterThanOrEqualTo(e.getValue() - 1e-9);
            }
        }
    }

    private static String row(String name, ParseSummary s, ReplayResult res, CheckpointComparison c) {
        PlacementFidelity p = res.placement();
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(name).append(" | ").append(res.events()).append(" | ").append(c.compared())
                .append(" | ").append(pct(p.placedExactShare())).append(" (").append(p.placedExact()).append('/')
                .append(p.placed()).append(") |");
        for (CheckpointComparison.Field f : c.fields()) sb.append(' ').append(pct(f.exactShare())).append(" |");
        double worst = c.fields().stream().mapToDouble(CheckpointComparison.Field::maxRelError).max().orElse(0);
        long peakRss = c.rows().stream().mapToLong(CheckpointComparison.Row::glibcRssBytes).max().orElse(1);
        sb.append(' ').append(pct(worst)).append(" | ").append(pct(c.rss().maxRelError())).append(" | ")
                .append(pct((double) c.rss().maxAbsErrorBytes() / Math.max(peakRss, 1))).append(" |");
        Incomplete i = res.incomplete();
        sb.append(' ').append(i.unknownFrees()).append(" (").append(i.unexplainedFrees()).append(") |");
        return sb.toString();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, v == 0 || v == 1 ? "%.0f%%" : "%.2f%%", v * 100);
    }

    static Map<String, Map<String, Double>> floors() throws IOException {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        if (!Files.exists(FLOORS)) return out;
        List<String> lines = Files.readAllLines(FLOORS, StandardCharsets.UTF_8);
        String[] head = lines.get(0).split("\t");
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split("\t");
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) m.put(head[i], Double.parseDouble(f[i]));
            out.put(f[0], m);
        }
        return out;
    }

    @AfterAll
    static void writeMeasurement() throws IOException {
        if (MEASURED.isEmpty()) return;
        Path target = TestFiles.root().resolve("target");
        Files.createDirectories(target);
        StringBuilder md = new StringBuilder("| trace | events | checkpoints | placement exact |");
        for (String f : CheckpointComparison.FIELD_NAMES) md.append(' ').append(f).append(" |");
        md.append(" worst field error | RSS max error | RSS max error of peak VmRSS | unknown frees (unexplained) |\n|");
        md.append("---|".repeat(4 + CheckpointComparison.FIELD_NAMES.size() + 3)).append('\n');
        for (String r : TABLE.values()) md.append(r).append('\n');
        Files.writeString(target.resolve("fidelity.md"), md.toString(), StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("fidelity.update")) return;
        Map<String, Map<String, Double>> all = floors();
        all.putAll(MEASURED);
        StringBuilder tsv = new StringBuilder("trace");
        for (String c : COLUMNS) tsv.append('\t').append(c);
        tsv.append('\n');
        for (Map.Entry<String, Map<String, Double>> e : all.entrySet()) {
            tsv.append(e.getKey());
            for (String c : COLUMNS) tsv.append('\t').append(e.getValue().getOrDefault(c, 0.0));
            tsv.append('\n');
        }
        Files.createDirectories(FLOORS.getParent());
        Files.writeString(FLOORS, tsv.toString(), StandardCharsets.UTF_8);
    }

}
