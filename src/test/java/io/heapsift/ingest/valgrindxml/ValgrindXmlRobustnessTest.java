package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.Frame;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.Diagnostic;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broken, hostile and unusual documents: truncation, interleaving, XXE, junk around the document. */
class ValgrindXmlRobustnessTest {

    private static final String RES = "src/test/resources/io/heapsift/ingest/valgrindxml/";

    @TempDir
    Path dir;

    private static Path resource(String name) {
        return TestFiles.root().resolve(RES + name);
    }

    private static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    // ---- truncation ----------------------------------------------------------------------------

    @Test
    void a_killed_valgrind_keeps_its_complete_errors_and_skips_the_tail_once() throws IOException {
        XmlRun run = XmlRun.parse(resource("killed.xml"));
        assertThat(run.errors()).extracting(ToolError::kind).containsExactly("InvalidFree", "InvalidWrite");
        assertThat(run.diag().lines()).isEqualTo(122);
        assertThat(run.diag().skippedByReason()).containsExactly(java.util.Map.entry("truncated XML document", 1L));
        assertThat(run.diag().messages()).singleElement().hasToString(resource("killed.xml")
                + ":122:1: warning: truncated XML document: the document ends without </valgrindoutput>, before valgrind's"
                + " FINISHED status (killed, or still running?); the 2 events before it are kept (1 line skipped)");
        assertThat(run.ctx().facts()).containsEntry("status", "RUNNING");
    }

    @Test
    void cutting_a_document_anywhere_never_throws_and_always_gives_one_positioned_diagnostic() throws IOException {
        for (String f : List.of("valgrind/fail.memcheck.xml", "valgrind/leaky.memcheck.xml", "valgrind/cxx_leaks.memcheck.xml")) {
            byte[] whole = bytes(TestFiles.fixture(f));
            int step = f.contains("fail") ? 1 : 7; // every offset of the small one
            for (int cut = 1; cut < whole.length - "</valgrindoutput>\n\n".length(); cut += step) {
                checkCut(f, whole, cut);
            }
        }
    }

    private void checkCut(String f, byte[] whole, int cut) throws IOException {
        byte[] part = java.util.Arrays.copyOf(whole, cut);
        Path p = XmlRun.write(dir, "cut.xml", part);
        XmlRun run = XmlRun.parse(p);
        String at = f + " cut at " + cut;
        assertThat(run.diag().lines()).as(at).isEqualTo(XmlRun.physicalLines(part));
        assertThat(run.diag().messages()).as(at).hasSize(1);
        Diagnostic d = run.diag().messages().get(0);
        assertThat(d.line()).as(at).isBetween(1L, Math.max(1L, run.diag().lines()));
        assertThat(d.message()).as(at).startsWith("truncated XML document: ");
        assertThat(run.diag().skippedByReason().keySet()).as(at).isSubsetOf(List.of("truncated XML document"));
        assertThat(run.diag().skipped() + run.diag().warnings()).as(at).isPositive();
        String prefix = new String(part, StandardCharsets.UTF_8);
        int complete = count(prefix, "</error>");
        assertThat(run.events()).as(at).hasSize(complete);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    @Test
    void a_truncated_gzip_capture_is_a_truncated_document() throws IOException {
        byte[] xml = bytes(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(xml);
        }
        byte[] gz = bos.toByteArray();
        XmlRun whole = XmlRun.parse(XmlRun.write(dir, "leaky.xml.gz", gz));
        assertThat(whole.leaks()).hasSize(6);
        assertThat(whole.diag().skipped()).isZero();
        XmlRun cut = XmlRun.parse(XmlRun.write(dir, "cut.xml.gz", java.util.Arrays.copyOf(gz, gz.length * 2 / 3)));
        assertThat(cut.leaks()).hasSizeLessThan(6);
        assertThat(cut.diag().skippedByReason()).containsOnlyKeys("unreadable compressed data", "truncated XML document");
        assertThat(cut.diag().messages()).hasSize(2);
    }

    // ---- interleaved documents -----------------------------------------------------------------

    @Test
    void a_forked_child_writing_into_the_same_file_is_a_positioned_error() {
        Path p = resource("forky.xml");
        assertThatThrownBy(() -> XmlRun.parse(p)).isInstanceOf(TraceInputException.class)
                .hasMessage(p + ":104:1: two valgrind XML documents are interleaved: output continues after"
                        + " </valgrindoutput> (line 101); a forked child or a second valgrind wrote to the same file"
                        + " (use --xml-file=name.%p.xml or --child-silent-after-fork=yes)");
    }

    @Test
    void a_second_document_starting_inside_the_first_is_a_positioned_error() throws IOException {
        String leaky = Files.readString(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        String tidy = Files.readString(TestFiles.fixture("valgrind/tidy.memcheck.xml"));
        int cut = leaky.indexOf("</error>") + "</error>\n".length();
        String mixed = leaky.substring(0, cut) + tidy + leaky.substring(cut);
        long line = leaky.substring(0, cut).chars().filter(c -> c == '\n').count() + 1;
        Path p = XmlRun.write(dir, "mixed.xml", mixed.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> XmlRun.parse(p)).isInstanceOf(TraceInputException.class)
                .hasMessageStartingWith(p + ":" + line + ":1: two valgrind XML documents are interleaved: a second <?xml"
                        + " declaration starts here");
    }

    // ---- XXE -----------------------------------------------------------------------------------

    @Test
    void an_external_entity_is_never_resolved() throws IOException {
        Path secret = XmlRun.write(dir, "secret.txt", "TOP-SECRET-XXE-MARKER".getBytes(StandardCharsets.UTF_8));
        String doc = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE valgrindoutput [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<valgrindoutput>\n<protocolversion>4</protocolversion>\n"
                + "<preamble>\n  <line>Command: &xxe;</line>\n</preamble>\n</valgrindoutput>\n";
        Path p = XmlRun.write(dir, "xxe.xml", doc.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> XmlRun.parse(p)).isInstanceOf(TraceInputException.class)
                .hasMessage(p + ":6:23: malformed XML: The entity \"xxe\" was referenced, but not declared"
                        + " (the DOCTYPE was ignored: DTDs are not read and entities are not expanded)")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void an_external_entity_after_records_skips_the_tail_and_leaks_nothing() throws IOException {
        Path secret = XmlRun.write(dir, "secret.txt", "TOP-SECRET-XXE-MARKER".getBytes(StandardCharsets.UTF_8));
        String leaky = Files.readString(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        String doc = leaky.replace("<?xml version=\"1.0\"?>\n",
                        "<?xml version=\"1.0\"?>\n<!DOCTYPE valgrindoutput [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n")
                .replace("<fn>leak_big_block</fn>", "<fn>&xxe;</fn>");
        XmlRun run = XmlRun.parse(dir, "xxe2.xml", doc);
        assertThat(run.leaks()).hasSize(5);
        assertThat(run.events().toString()).doesNotContain("TOP-SECRET");
        assertThat(run.diag().skippedByReason()).containsOnlyKeys("malformed XML");
        assertThat(run.diag().messages()).extracting(Diagnostic::message).anySatisfy(m ->
                assertThat(m).startsWith("DOCTYPE ignored")).allSatisfy(m -> assertThat(m).doesNotContain("TOP-SECRET"));
    }

    @Test
    void external_dtds_and_parameter_entities_are_never_fetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
            String leaky = Files.readString(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
            for (String doctype : List.of("<!DOCTYPE valgrindoutput SYSTEM \"" + url + "a.dtd\">",
                    "<!DOCTYPE valgrindoutput [ <!ENTITY % p SYSTEM \"" + url + "p.dtd\"> %p; ]>")) {
                XmlRun run = XmlRun.parse(dir, "dtd.xml", leaky.replace("<?xml version=\"1.0\"?>\n",
                        "<?xml version=\"1.0\"?>\n" + doctype + "\n"));
                assertThat(run.leaks()).hasSize(6);
                assertThat(run.diag().skipped()).isZero();
                assertThat(run.diag().messages()).singleElement().extracting(Diagnostic::message).asString()
                        .startsWith("DOCTYPE ignored: valgrind never writes one");
            }
            assertThatThrownBy(server::accept).as("nobody connected").isInstanceOf(SocketTimeoutException.class);
        }
    }

    // ---- text around and inside the document ---------------------------------------------------

    @Test
    void stderr_text_before_and_after_the_document_is_skipped() throws IOException {
        String leaky = Files.readString(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        XmlRun run = XmlRun.parse(dir, "xmlfd2.xml", "valgrind: warning: something\n\n==12== text\n" + leaky
                + "Segmentation fault\n");
        assertThat(run.leaks()).hasSize(6);
        assertThat(run.diag().lines()).isEqualTo(XmlRun.physicalLines(leaky.getBytes(StandardCharsets.UTF_8)) + 4);
        assertThat(run.diag().skippedByReason()).containsExactly(java.util.Map.entry("text outside the XML document", 3L));
        assertThat(run.diag().messages()).extracting(Diagnostic::line).containsExactly(1L, 3L, run.diag().lines());
        assertThat(run.leaks().get(0).line()).isEqualTo(XmlRun.linesOf(leaky, "</error>").get(0) + 3);
    }

    @Test
    void bytes_xml_forbids_and_invalid_utf8_become_replacement_characters() throws IOException {
        byte[] leaky = bytes(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        String s = new String(leaky, StandardCharsets.ISO_8859_1)
                .replace("<fn>leak_big_block</fn>", "<fn>leak_\u0001big_\u00e9block</fn>"); // \x01 and a Latin-1 byte
        XmlRun run = XmlRun.parse(XmlRun.write(dir, "bad.xml", s.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(run.leaks()).hasSize(6);
        assertThat(run.leaks().get(5).stack().frames()).extracting(Frame::function).contains("leak_\uFFFDbig_\uFFFDblock");
        assertThat(run.diag().notes()).containsEntry("characters XML forbids replaced by U+FFFD", 1L);
        assertThat(run.diag().skipped()).isZero();
    }

    @Test
    void huge_numbers_do_not_break_the_parse() throws IOException {
        String leaky = Files.readString(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        XmlRun run = XmlRun.parse(dir, "huge.xml", leaky
                .replace("<leakedbytes>1000</leakedbytes>", "<leakedbytes>18446744073709551615000</leakedbytes>")
                .replaceFirst("<ip>0x[0-9A-F]+</ip>(\\s*<obj>[^<]*</obj>\\s*<fn>leak_big_block</fn>\\s*<dir>[^<]*</dir>"
                        + "\\s*<file>[^<]*</file>\\s*)<line>\\d+</line>", "<ip>0xFFFFFFFFFFFFFFFFFF</ip>$1<line>99999999999</line>"));
        assertThat(run.leaks()).hasSize(6);
        assertThat(run.leaks().get(5).bytes()).isEqualTo(1000); // unreadable element: the sentence's "1,000" is used
        assertThat(run.leaks().get(5).stack().frames().get(1).ip()).isZero();
        assertThat(run.leaks().get(5).stack().frames().get(1).fileLine()).isZero();
    }

    @Test
    void memory_stays_flat_on_a_long_document() throws IOException {
        String leaky = Files.readString(TestFiles.fixture("valgrind/leaky.memcheck.xml"));
        int start = leaky.indexOf("<error>");
        int end = leaky.lastIndexOf("</error>") + "</error>\n\n".length();
        String errors = leaky.substring(start, end);
        Path p = dir.resolve("long.xml");
        try (var w = Files.newBufferedWriter(p)) {
            w.write(leaky.substring(0, start));
            for (int i = 0; i < 2_000; i++) w.write(errors);
            w.write(leaky.substring(end));
        }
        List<TraceEvent> sink = new ArrayList<>();
        long[] count = {0};
        var s = new io.heapsift.ingest.Ingest(io.heapsift.ingest.FormatRegistry.of(new ValgrindXmlFormat()))
                .parse(p, null, e -> count[0]++);
        assertThat(count[0]).isEqualTo(12_000);
        assertThat(s.skipped()).isZero();
        assertThat(sink).isEmpty();
    }
}
