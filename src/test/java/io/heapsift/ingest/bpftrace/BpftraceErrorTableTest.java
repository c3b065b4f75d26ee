package io.heapsift.ingest.bpftrace;

import io.heapsift.ingest.Diagnostic;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One bad line after a valid header → the exact positioned skip (line 2 is the bad line). */
class BpftraceErrorTableTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "A 4242 1900 2000 malloc 16 = 0x10"              | 2:34: unrecognized line: missing NUM at '<EOF>'
            "A 4242 1900 2000 frobnicate 16 = 0x10 5"        | 2:18: unrecognized line: mismatched input 'frobnicate' expecting {'malloc', 'calloc', 'realloc', 'reallocarray', 'memalign', 'aligned_alloc', 'posix_memalign', 'valloc', 'pvalloc'}
            "F 1 2 free 16"                                  | 2:12: unrecognized line: mismatched input '16' expecting HEX
            "A 99999999999999999999999 1 2 malloc 1 = 0x1 0" | 2:3: number out of range: 99999999999999999999999 does not fit 64 bits
            "A 1 2 3 malloc 1 = 0x11111111111111111 0"       | 2:20: number out of range: 0x11111111111111111 does not fit 64 bits
            "T 3000000000 5"                                 | 2:3: number out of range: 3000000000 is not a thread or process id
            "	401000 main+1 (/p)"                          | 2:1: unrecognized line: stack frame outside a stack block
            "X 1 2 exit_group"                               | 2:17: unrecognized line: mismatched input '<EOF>' expecting {'-', NUM}
            "leaky: start, 2 rounds"                         | 2:1: program output
            "Segmentation fault"                             | 2:1: program output
            """)
    void a_bad_line_is_skipped_with_its_position(String bad, String expected) throws IOException {
        BpftraceRun run = BpftraceRun.parse(dir, "# heapsift-bpftrace 1 target=0 depth=0\n" + bad + "\nE 5\n");
        assertThat(run.diag().lines()).isEqualTo(3);
        assertThat(run.diag().skipped()).isEqualTo(1);
        assertThat(run.events()).isEmpty();
        Diagnostic d = run.diag().messages().get(0);
        assertThat(d.line() + ":" + d.column() + ": " + d.message()).isEqualTo(expected);
    }
}
