package io.heapsift.ingest.memleak;

import io.heapsift.ingest.Diagnostic;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad lines after a valid start: the exact positioned message of the (only) skipped line. */
class MemleakErrorTableTest {

    private static final String START = "Attaching to pid 1, Ctrl+C to quit.\n"
            + "[00:00:01] Top 3 stacks with outstanding allocations:\n";
    private static final String GROUP = "\t12 bytes in 1 allocations from stack\n";

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("\t99999999999999999999 bytes in 1 allocations from stack",
                        "3:2: warning: number out of range: '99999999999999999999' does not fit in 64 bits"),
                arguments(GROUP + "\t\t0x1ffffffffffffffff\tmain+0x1 [a]",
                        "4:3: warning: number out of range: '0x1ffffffffffffffff' does not fit in 64 bits"),
                arguments("[25:00:00] Top 3 stacks with outstanding allocations:",
                        "3:2: warning: bad time: 25:00:00 is not a time of day"),
                arguments("[10:00:00] Top 99999999999 stacks with outstanding allocations:",
                        "3:16: warning: number out of range: '99999999999' is not a valid count or id"),
                arguments("[10:00:00] Top x stacks with outstanding allocations:",
                        "3:1: warning: unrecognized line: not a memleak line"),
                arguments("\taddr = 12zz size = 16",
                        "3:1: warning: unrecognized line: indented line outside a stack group"),
                arguments(GROUP + "\taddr = 12zz size = 16",
                        "4:1: warning: unrecognized line: indented like a group line, not like a frame"),
                arguments("\t\t0x0000000000001234\tmain+0x1 [a]",
                        "3:1: warning: unrecognized line: frame line outside a stack group"),
                arguments(GROUP + "\t\t0x000000000000123",
                        "4:1: warning: truncated record: an IP column without its symbol (line cut short?)"),
                arguments(GROUP + "\t\t0x0000000000001234\tmain+0x1 [a]\n\t\tmain+0x1 [a]",
                        "5:1: warning: unrecognized line: frame without the IP column in a capture that prints it"),
                arguments("(b'leak', 1, 0, b'...1', 12.5, b'alloc exited, size = 99999999999999999999, result = 0')",
                        "3:55: warning: number out of range: '99999999999999999999' does not fit in 64 bits"),
                arguments("(b'leak', 1, 0, b'...1', 1e999999999999, b'alloc entered, size = 1')",
                        "3:1: warning: unrecognized line: not a memleak line"),
                arguments("(b'leak', 1, 0, b'...1', 1.5e+300, b'alloc entered, size = 1')",
                        "3:26: warning: number out of range: timestamp '1.5e+300' does not fit in 64-bit nanoseconds"),
                arguments("(b'leak', 1, 0, b'...1', 12.5, b'hello world')",
                        "3:32: warning: foreign trace message: not a memleak message: hello world"),
                arguments("('Unknown', 0, 0, 'Unknown', 0.0, 'Unknown')",
                        "3:1: warning: lost trace line: bcc could not parse a trace_pipe line ('Unknown' placeholder)"),
                arguments("(b'leak', 1, 0, b'...1', 12.5",
                        "3:1: warning: unrecognized line: not a memleak line"),
                arguments("\t1 [<0000000000001234>] main+0x1 [/a]",
                        "3:1: warning: unrecognized line: frame line outside a stack group"),
                arguments("\u00e9t\u00e9 \uD83D\uDE00 \u202e[1",
                        "3:1: warning: unrecognized line: not a memleak line"),
                arguments("done\n[00:00:02] Top 3 stacks with outstanding allocations:",
                        "3:1: warning: unrecognized line: 'done' is memleak's only as the last line of an old libbpf-tools capture"),
                arguments("\t12 bytes in 1 allocations from stack\ndone",
                        "4:1: warning: unrecognized line: 'done' is not a memleak.py line"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void bad_line_gives_a_positioned_skip(String lines, String message, @TempDir Path dir) throws Exception {
        Parsed p = Parsed.text(dir, "t.txt", START + lines + "\n");
        assertThat(p.summary().skipped()).isEqualTo(1);
        assertThat(p.summary().messages()).map(Diagnostic::toString).contains(dir.resolve("t.txt") + ":" + message);
        assertThat(p.summary().lines()).isEqualTo(p.summary().recognized() + p.summary().skipped());
    }
}
