package io.heapsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapsift.report.HtmlReportWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clicks the column headers of the report's stack table in headless Chromium, driven over the DevTools protocol
 * (a real mouse press and release at the header's position, as a person would), and reads the rows back: the
 * table sorts ascending on the first click and descending on the second. Skipped where no Chromium is installed.
 */
class HtmlSortClickTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Process browser;

    @BeforeAll
    static void findChromium() {
        HtmlChromiumTest.findChromium();
    }

    private Path profile;

    /** Ends Chromium and all its helper processes (they write into the profile until they exit), then the profile. */
    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            List<ProcessHandle> all = new ArrayList<>(browser.descendants().toList());
            all.add(browser.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                }
            }
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete()); // best effort
            }
        }
    }

    @Test
    void clicking_a_header_sorts_the_stack_table_and_a_second_click_reverses_it(@TempDir Path dir) throws Exception {
        assumeTrue(HtmlChromiumTest.chromium != null, "chromium not installed");
        Path page = dir.resolve("report.html");
        try (Writer w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            new HtmlReportWriter().write(new TraceAnalysis(null, false).run(
                    io.heapsift.testing.TestFiles.fixture("bpftrace/leaky.bpftrace.txt"), List.of(), null).result(), w);
        }
        try (Cdp cdp = open(page, dir)) {
            cdp.waitFor("document.body.getAttribute('data-rendered') === 'yes'");
            List<String> before = cdp.column("bytes");
            assertThat(before).hasSizeGreaterThanOrEqualTo(4);

            cdp.click("bytes");
            List<Long> asc = cdp.rawColumn("bytes");
            assertThat(asc).isSorted();
            assertThat(asc.get(0)).isLessThan(asc.get(asc.size() - 1));
            assertThat(cdp.eval("document.querySelector('#suspects th.sorted-asc').textContent").asText()).isEqualTo("bytes");

            cdp.click("bytes");
            List<Long> desc = cdp.rawColumn("bytes");
            assertThat(desc).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(cdp.eval("document.querySelector('#suspects th.sorted-desc').textContent").asText()).isEqualTo("bytes");

            cdp.click("label");
            List<String> labels = cdp.column("label");
            assertThat(labels).isSorted();
            assertThat(cdp.eval("document.getElementById('errors') === null || !document.getElementById('errors')"
                    + ".hasAttribute('data-errors')").asBoolean()).as("no script errors").isTrue();
        }
    }

    private Cdp open(Path page, Path dir) throws Exception {
        profile = Files.createTempDirectory("heapsift-chromium-");
        List<String> cmd = new ArrayList<>(List.of(HtmlChromiumTest.chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=1280,2000", page.toUri().toString()));
        browser = new ProcessBuilder(cmd).redirectOutput(dir.resolve("chromium.out").toFile())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !browser.isAlive()) {
                throw new AssertionError("chromium did not open its DevTools port: " + Files.readString(dir.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String ws = null;
        while (ws == null) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : JSON.readTree(list)) {
                if (t.path("type").asText().equals("page") && t.path("url").asText().startsWith("file:")) {
                    ws = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (ws == null) {
                if (System.nanoTime() > deadline) throw new AssertionError("no page target: " + list);
                Thread.sleep(100);
            }
        }
        return new Cdp(http, ws);
    }

    /** A minimal DevTools protocol client: one request at a time, replies matched by id. */
    private static final class Cdp implements WebSocket.Listener, AutoCloseable {
        private final WebSocket socket;
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();

        Cdp(HttpClient http, String url) {
            this.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), this).join();
        }

        JsonNode call(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            msg.set("params", params);
            socket.sendText(JSON.writeValueAsString(msg), true).join();
            JsonNode r = reply.get(30, TimeUnit.SECONDS);
            if (r.has("error")) throw new AssertionError(method + ": " + r.get("error"));
            return r.get("result");
        }

        JsonNode eval(String expression) throws Exception {
            JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                    .put("returnByValue", true));
            if (r.has("exceptionDetails")) throw new AssertionError(expression + ": " + r.get("exceptionDetails"));
            return r.path("result").path("value");
        }

        void waitFor(String condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!eval("!!(" + condition + ")").asBoolean()) {
                if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + condition);
                Thread.sleep(50);
            }
        }

        /** Presses and releases the left mouse button in the middle of the header named {@code name}. */
        void click(String name) throws Exception {
            JsonNode box = eval("(function(){var h=[].slice.call(document.querySelectorAll('#suspects th'))"
                    + ".filter(function(t){return t.textContent===" + JSON.writeValueAsString(name) + ";})[0];"
                    + "h.scrollIntoView();var r=h.getBoundingClientRect();return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
            for (String type : List.of("mousePressed", "mouseReleased")) {
                call("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type)
                        .put("x", box.get("x").asDouble()).put("y", box.get("y").asDouble())
                        .put("button", "left").put("clickCount", 1));
            }
        }

        private int index(String name) throws Exception {
            return eval("[].slice.call(document.querySelectorAll('#suspects th')).map(function(t){return t.textContent;})"
                    + ".indexOf(" + JSON.writeValueAsString(name) + ")").asInt();
        }

        /** The shown text of a column, top to bottom. */
        List<String> column(String name) throws Exception {
            int i = index(name);
            List<String> out = new ArrayList<>();
            for (JsonNode n : eval("[].slice.call(document.querySelectorAll('#suspects tbody tr'))"
                    + ".map(function(r){return r.children[" + i + "].textContent;})")) {
                out.add(n.asText());
            }
            return out;
        }

        /** A byte column read back as numbers (the shown text is "4.0 KiB"; compare in bytes). */
        List<Long> rawColumn(String name) throws Exception {
            List<Long> out = new ArrayList<>();
            for (String s : column(name)) out.add(parseBytes(s));
            return out;
        }

        static long parseBytes(String s) {
            String[] p = s.trim().split("\\s+");
            double v = Double.parseDouble(p[0]);
            String unit = p.length > 1 ? p[1] : "B";
            long mul = switch (unit) {
                case "B" -> 1;
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                default -> throw new AssertionError("unit " + unit + " in " + s);
            };
            return Math.round(v * mul);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) f.complete(m);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
