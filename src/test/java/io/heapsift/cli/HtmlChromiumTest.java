package io.heapsift.cli;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Verdict;
import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import io.heapsift.ingest.EventSink;
import io.heapsift.report.HtmlReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the HTML report in headless Chromium (design/stack.md §8): it renders, the chart and the flame graph are
 * drawn, the console stays clean, and hostile symbol names stay text. Skipped where no Chromium is installed
 * (Debian: apt-get install chromium).
 */
class HtmlChromiumTest {

    static final String XSS = "<img src=x onerror=alert(1)>";
    static final String CLOSER = "</script><script>document.title='pwned'</script><!--";

    static Path chromium;

    @BeforeAll
    static void findChromium() {
        for (String c : List.of(System.getProperty("heapsift.chromium", ""), "/usr/bin/chromium",
                "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (!c.isEmpty() && Files.isExecutable(Path.of(c))) {
                chromium = Path.of(c);
                return;
            }
        }
    }

    /** A growing leak from a stack with hostile names, plus churn, through the whole pipeline. */
    static AnalysisResult hostileTrace() throws Exception {
        Stacks stacks = new Stacks();
        Stack evil = stacks.intern(List.of(Frame.of(XSS), Frame.of(CLOSER), Frame.of("main")));
        Stack churn = stacks.intern(List.of(Frame.of("churn & \"quotes\" 'single'"), Frame.of("main")));
        return new TraceAnalysis(null, true).analyze("hostile <b>trace</b>.txt", sink -> {
            feed(sink, evil, churn);
            return "synthetic";
        }, List.of(), null);
    }

    private static void feed(EventSink sink, Stack evil, Stack churn) {
        long t = 1_000_000_000L, line = 1, addr = 0x5000_0000L;
        for (int i = 0; i < 200; i++) {
            sink.accept(new Alloc(line++, t, 1, AllocKind.MALLOC, 4096, addr + i * 8192L, 0, evil));
            long tmp = 0x7000_0000L + i * 256L;
            sink.accept(new Alloc(line++, t + 1000, 1, AllocKind.MALLOC, 100, tmp, 0, churn));
            sink.accept(new Free(line++, t + 2000, 1, FreeKind.FREE, tmp, 100, Stack.EMPTY));
            t += 50_000_000L;
        }
        sink.accept(new ProcessExit(line, t, 1, 0, null));
        sink.end();
    }

    @Test
    void report_renders_with_chart_and_flame_graph_and_hostile_names_stay_text(@TempDir Path dir) throws Exception {
        AnalysisResult r = hostileTrace();
        assertThat(r.verdict()).isEqualTo(Verdict.GROWTH);
        Path page = dir.resolve("report.html");
        try (Writer w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            new HtmlReportWriter().write(r, w);
        }
        String html = Files.readString(page);
        assertThat(html).doesNotContain(XSS).doesNotContain("</script><script>document");
        // works offline: nothing is loaded from anywhere (the SVG namespace string is a name, not a fetch)
        assertThat(count(html, "(src|href|url)\\s*[=(]\\s*[\"']?(https?:)?//")).isZero();
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://");

        assumeTrue(chromium != null, "chromium not installed");
        Run run = chromium(page, dir);
        String dom = run.stdout;
        assertThat(dom).contains("data-rendered=\"yes\"");
        assertThat(count(dom, "<div id=\"errors\"[^>]*data-errors")).as("script errors collected by window.onerror").isZero();
        assertThat(count(dom, "<svg[^>]*class=\"chart\"")).isEqualTo(1);
        assertThat(count(dom, "<path[^>]*class=\"series\"")).isGreaterThanOrEqualTo(3);
        assertThat(count(dom, "<svg[^>]*class=\"flame\"")).isGreaterThanOrEqualTo(1);
        assertThat(count(dom, "<rect")).isGreaterThanOrEqualTo(4);
        // the hostile name is shown, as text: escaped in the serialized DOM, never an element
        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(count(dom, "<img")).isZero();
        assertThat(dom).contains("<title>heapsift: GROWTH").doesNotContain("<title>pwned");
        assertThat(run.stderr).as("console output").doesNotContain("Uncaught").doesNotContain(":CONSOLE");
    }

    @Test
    void batch_index_renders_a_ranked_sortable_table_with_links(@TempDir Path dir) throws Exception {
        assumeTrue(chromium != null, "chromium not installed");
        Path out = dir.resolve("report");
        CliRunner.Result r = CliRunner.run("report", "--no-progress", "-o", out.toString(),
                io.heapsift.testing.TestFiles.fixture("bpftrace/tidy.bpftrace.txt").toString(),
                io.heapsift.testing.TestFiles.fixture("workloads/pin64k_pin.bpftrace.txt").toString());
        assertThat(r.exit()).isZero();
        Run run = chromium(out.resolve("index.html"), dir);
        assertThat(run.stdout).contains("data-rendered=\"yes\"");
        assertThat(count(run.stdout, "<div id=\"errors\"[^>]*data-errors")).isZero();
        assertThat(count(run.stdout, "<a href=\"traces/")).isEqualTo(2);
        assertThat(run.stdout.indexOf("FRAGMENTATION</td>")).isLessThan(run.stdout.indexOf("CLEAN</td>"));
        assertThat(run.stderr).doesNotContain("Uncaught").doesNotContain(":CONSOLE");
    }

    record Run(String stdout, String stderr) {
    }

    static Run chromium(Path page, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("dom.html"), err = dir.resolve("chromium.log");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return new Run(Files.readString(out), Files.readString(err));
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
