package io.heapsift.ingest.valgrindxml;

import io.heapsift.ingest.Diagnostic;
import io.heapsift.ingest.TraceInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Input → exact positioned outcome. Fatal cases give {@code file:line:col: message}; recoverable ones
 * give {@code line:col: reason: detail} diagnostics ({@code <f>} stands for the file).
 */
class ValgrindXmlErrorTableTest {

    private static final String HEAD = "<?xml version=\"1.0\"?>\n<valgrindoutput>\n<protocolversion>4</protocolversion>\n";
    private static final String ERROR = "<error>\n  <unique>0x0</unique>\n  <tid>1</tid>\n  <kind>InvalidFree</kind>\n"
            + "  <what>Invalid free() / delete / delete[] / realloc()</what>\n  <stack>\n    <frame>\n"
            + "      <ip>0x484426F</ip>\n      <fn>free</fn>\n    </frame>\n  </stack>\n</error>\n"; // 12 lines
    private static final String END = "</valgrindoutput>\n";

    @TempDir
    Path dir;

    static Stream<Arguments> fatal() {
        return Stream.of(
                Arguments.of(HEAD.replace(">4<", ">3<") + END,
                        "<f>:3:1: unsupported protocol 3: valgrind XML protocol 3 (valgrind 3.0-3.4) is not supported;"
                                + " heapsift reads protocols 4, 5 and 6 (valgrind >= 3.5)"),
                Arguments.of("<?xml version=\"1.0\"?>\n<html>\n</html>\n",
                        "<f>:2:7: not a valgrind XML document: the root element is <html>, not <valgrindoutput>"),
                Arguments.of(HEAD + "<pid>1</pidd>\n" + ERROR + END,
                        "<f>:4:12: malformed XML: The end-tag for element type \"pid\" must end with a '>' delimiter"),
                Arguments.of(HEAD + ERROR.replace("<fn>free</fn>", "<fn>a & b</fn>") + END,
                        "<f>:12:14: malformed XML: The entity name must immediately follow the '&' in the entity reference"),
                Arguments.of(HEAD + ERROR + "<valgrindoutput>\n" + END + END,
                        "<f>:16:1: two valgrind XML documents are interleaved: a second <valgrindoutput> starts inside the first;"
                                + " a forked child or a second valgrind wrote to the same file (use --xml-file=name.%p.xml"
                                + " or --child-silent-after-fork=yes)"),
                Arguments.of(HEAD + ERROR + END + "<error>\n",
                        "<f>:17:1: two valgrind XML documents are interleaved: output continues after </valgrindoutput>"
                                + " (line 16); a forked child or a second valgrind wrote to the same file"
                                + " (use --xml-file=name.%p.xml or --child-silent-after-fork=yes)"));
    }

    @ParameterizedTest
    @MethodSource("fatal")
    void fatal_input_gives_a_positioned_exception(String doc, String expected) throws IOException {
        Path p = XmlRun.write(dir, "in.xml", doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> XmlRun.parse(p)).isInstanceOf(TraceInputException.class)
                .hasMessage(expected.replace("<f>", p.toString()));
    }

    static Stream<Arguments> recoverable() {
        return Stream.of(
                Arguments.of(HEAD + ERROR.replace("  <stack>", "hello from the program\n  <stack>") + END, 1,
                        "9:1: program output: \"hello from the program\""),
                Arguments.of(HEAD + ERROR + END + "\nSegmentation fault\n", 1,
                        "18:1: text outside the XML document: \"Segmentation fault\""),
                Arguments.of(HEAD + ERROR + ERROR.substring(0, 60), 1,
                        "16:1: truncated XML document: the document ends inside <error> (line 16) without </valgrindoutput>,"
                                + " before valgrind's FINISHED status (killed, or still running?); the 1 events before it are"
                                + " kept (4 lines skipped)"),
                Arguments.of(HEAD + ERROR + ERROR.replace("<tid>1</tid>", "<tid>1</tid2>") + ERROR + END, 1,
                        "18:14: malformed XML: The end-tag for element type \"tid\" must end with a '>' delimiter;"
                                + " the rest of the document cannot be read, the 1 events before it are kept (25 lines skipped)"),
                Arguments.of(HEAD.replace(">4<", ">7<") + ERROR + END, 1,
                        "3:1: protocol 7 is newer than 6; reading it as protocol 6"),
                Arguments.of(HEAD + "<newthing><a>1</a></newthing>\n" + ERROR + END, 1,
                        "4:1: unknown element <newthing> ignored"),
                Arguments.of(HEAD + "<protocoltool>helgrind</protocoltool>\n" + ERROR + END, 1,
                        "4:1: valgrind tool 'helgrind', not memcheck: its errors are read, it has no leak records"),
                Arguments.of(HEAD + ERROR.replace("<what>Invalid free() / delete / delete[] / realloc()</what>",
                        "<xwhat><text>lots of bytes are lost</text></xwhat>").replace("InvalidFree", "Leak_DefinitelyLost") + END, 1,
                        "15:1: unrecognized loss-record text \"lots of bytes are lost\": direct/indirect split and record"
                                + " number unknown"),
                Arguments.of(HEAD + ERROR.replace("<what>Invalid free() / delete / delete[] / realloc()</what>",
                        "<xwhat><text>8 bytes in 1 blocks are definitely lost in loss record 1 of 1</text>"
                                + "<leakedbytes>16</leakedbytes><leakedblocks>1</leakedblocks></xwhat>")
                        .replace("InvalidFree", "Leak_DefinitelyLost") + END, 1,
                        "15:1: loss record <kind>Leak_DefinitelyLost</kind> with 16 bytes in 1 blocks does not match its text"
                                + " \"8 bytes in 1 blocks are definitely lost in loss record 1 of 1\"; the elements are used"));
    }

    @ParameterizedTest
    @MethodSource("recoverable")
    void recoverable_input_gives_a_positioned_diagnostic(String doc, int events, String expected) throws IOException {
        XmlRun run = XmlRun.parse(dir, "in.xml", doc);
        assertThat(run.events()).hasSize(events);
        String got = run.diag().messages().stream().map(d -> d.line() + ":" + d.column() + ": " + d.message())
                .collect(Collectors.joining("\n"));
        assertThat(got).isEqualTo(expected);
        assertThat(run.diag().messages()).extracting(Diagnostic::severity).containsOnly(Diagnostic.Severity.WARNING);
    }
}
