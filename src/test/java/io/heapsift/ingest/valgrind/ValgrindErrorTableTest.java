package io.heapsift.ingest.valgrind;

import io.heapsift.ingest.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines that are not understood: each gives exactly one counted skip, with a fixed reason and the
 * 1-based column where the problem is. Every input is a valid log line followed by the bad one
 * (the second line of the file).
 */
class ValgrindErrorTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            --1-- malloc(12                                       | 16 | malformed trace-malloc call | missing ')' at '<EOF>'
            --1-- malloc(12) = 0xZZ                               | 21 | malformed trace-malloc call | extraneous input 'xZZ'
            --1-- frobnicate(12) = 0x10                           |  7 | unknown trace-malloc function | frobnicate
            --1-- calloc(1) = 0x10                                |  7 | unexpected arguments | calloc(1)
            --1-- malloc(99999999999999999999) = 0x10             | 14 | number out of range | 99999999999999999999 does not fit
            --1-- malloc(16) = 0x10000000000000000                | 20 | number out of range | 0x10000000000000000 does not fit
            --1--  = 0x10                                         |  7 | result without a call | = 0x10
            ==1== 12,34 bytes in 1 blocks are definitely lost in loss record 1 of 1 | 10 | malformed number | digit group '34'
            ==1==    at 0x1234: main (x.c:1)                      |  7 | frame outside a record |
            ==1== Some sentence valgrind never prints             |  7 | unrecognized line | Some sentence
            ==99999999999999999999== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0) | 3 | number out of range | 99999999999999999999
            the program's own stderr                              |  1 | program output |
            """)
    void bad_line_gives_one_positioned_skip(String line, int column, String reason, String detail) {
        Parsed p = Parsed.text("==1== Memcheck, a memory error detector\n" + line.strip() + "\n==1== \n");
        assertThat(p.summary().skipped()).isEqualTo(1);
        assertThat(p.summary().skippedByReason()).containsOnlyKeys(reason);
        List<Diagnostic> messages = p.summary().messages();
        assertThat(messages).hasSize(1);
        Diagnostic d = messages.get(0);
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.column()).isEqualTo(column);
        assertThat(d.toString()).matches(".*valgrind.*\\.log:2:" + column + ": warning: \\Q" + reason + "\\E.*");
        if (detail != null) assertThat(d.message()).contains(detail);
    }

    /**
     * Non-ASCII text is read as UTF-8 and skipped like any other line. (Padded with ASCII lines: the
     * skeleton's binary sniffing in TraceInput counts UTF-8 bytes as control bytes, reported to the lead.)
     */
    @org.junit.jupiter.api.Test
    void unicode_garbage_is_a_counted_skip() {
        String pad = "==1== \n".repeat(300);
        Parsed p = Parsed.text("==1== Memcheck, a memory error detector\n" + pad + "==1== ✓✓✓ ünïcödé \uD83D\uDE00\n==1== \n");
        assertThat(p.summary().skippedByReason()).containsExactly(java.util.Map.entry("unrecognized line", 1L));
        assertThat(p.summary().messages().get(0).toString()).contains(":302:7: warning: unrecognized line: ✓✓✓ ünïcödé");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            leaked:      80 bytes in  5 blocks   | program output
            expecting details 10 bytes reachable | program output
            """)
    void regression_test_files_skip_the_test_programs_own_lines(String line, String reason) {
        Parsed p = Parsed.text("HEAP SUMMARY:\n" + line + "\n\n");
        assertThat(p.summary().skippedByReason()).containsExactly(java.util.Map.entry(reason, 1L));
    }
}
