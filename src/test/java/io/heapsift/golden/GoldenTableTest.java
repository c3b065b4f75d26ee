package io.heapsift.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.report.TableJsonWriter;
import io.heapsift.report.TableOptions;
import io.heapsift.report.TableReport;
import io.heapsift.report.TableTextWriter;
import io.heapsift.table.OutstandingTable;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden table output (JSON and text) for every capture listed in {@code fixtures/MANIFEST.tsv}:
 * the detected format must be the listed one, the JSON must validate against
 * {@code docs/json/table.schema.json}, and both outputs must equal the committed golden files
 * (rewrite them with {@code -Dgolden.update=true} after checking the diff).
 */
class GoldenTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(String path, String format, long expectedSkipped) {
    }

    static List<Entry> manifest() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestFiles.fixtures().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            out.add(new Entry(f[0], f[1], Long.parseLong(f[2])));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> every_fixture_has_golden_table_output() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(TestFiles.root().resolve("docs/json/table.schema.json")));
        return manifest().stream().map(e -> DynamicTest.dynamicTest(e.path(), () -> check(e, schema)));
    }

    private static void check(Entry e, JsonSchema schema) throws IOException {
        Path file = TestFiles.fixture(e.path());
        OutstandingTable table = new OutstandingTable();
        ParseSummary s = Ingest.standard().parse(file, null, table);
        assertThat(s.formatId()).as("detected format of %s", e.path()).isEqualTo(e.format());
        assertThat(s.skipped()).as("skipped lines of %s: %s", e.path(), s.skippedByReason()).isEqualTo(e.expectedSkipped());
        assertThat(s.recognized() + s.skipped()).isEqualTo(s.lines());
        TableReport report = new TableReport(s, table.result());

        StringWriter json = new StringWriter();
        new TableJsonWriter(TableOptions.defaults()).write(List.of(report), json);
        String jsonText = relativize(json.toString(), file, e.path());
        JsonNode node = JSON.readTree(jsonText);
        Set<ValidationMessage> problems = schema.validate(node);
        assertThat(problems).as("schema problems in %s", e.path()).isEmpty();
        TestFiles.assertGolden("table/" + e.path() + ".json", jsonText);

        StringWriter text = new StringWriter();
        new TableTextWriter(new TableOptions(20, TableOptions.Sort.BYTES, false)).write(List.of(report), new PrintWriter(text));
        TestFiles.assertGolden("table/" + e.path() + ".txt", relativize(text.toString(), file, e.path()));
    }

    /** Golden files name the capture by its path under fixtures/, wherever the fixtures live. */
    private static String relativize(String s, Path file, String rel) {
        String abs = file.toString();
        s = s.replace(abs, "fixtures/" + rel);
        return s.replace(abs.replace("\\", "\\\\"), "fixtures/" + rel);
    }
}
