package io.heapsift.ingest.ltrace;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input lines → the exact positioned message. Each line is put between two good lines (so that
 * it is not the last line of the file, which would make it a "truncated record").
 * The last line of a file is reported as a truncated record instead.
 */
class LtraceErrorTableTest {

    @TempDir
    Path dir;

    private static final String GOOD = "malloc(1)                                        = 0x1";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            [pid 12] 04:14:33.100000 malloc(                |x.ltrace:11:33: warning: unrecognized line: no viable alternative at input 'malloc('
            [pid 99999999999] malloc(1) = 0x1               |x.ltrace:11:1: warning: unrecognized line: pid out of range: 99999999999
            hello world                                     |x.ltrace:11:1: warning: program output
            leak->malloc(100) = 0x1 garbage )               |x.ltrace:11:33: warning: unrecognized line: extraneous input ')' expecting <EOF>
            +++ exited (status zero) +++                    |x.ltrace:11:20: warning: unrecognized line: mismatched input 'zero' expecting {INT, '-'}
            mállóc(1)                        = 0x1          |x.ltrace:11:2: warning: unrecognized line: no viable alternative at input 'má'
            --- SIGSEGV (Segmentation fault ---             |x.ltrace:11:33: warning: unrecognized line: extraneous input '---' expecting {HEX, FLOAT, INT, NAME, '...', ')', ',', ':', '=', '<', '>', '+', '-', OP}
            [pid 5] --- SIGSEGV                             |x.ltrace:11:20: warning: unrecognized line: mismatched input '<EOF>' expecting '('
            <... malloc resumed> ) = 0x1 (x)                |x.ltrace:11:30: warning: unrecognized line: mismatched input '(' expecting {<EOF>, IP_PREFIX, '<void>', DURATION, HEX, FLOAT, INT, NAME, STRING, CHAR, '...', '[', '{', ':', '@', '=', '<', '>', '+', '-', OP}
            [pid 5] malloc(1) = 0x1 <0.1                    |x.ltrace:11:1: warning: allocator call with an unreadable return value: 0x1 <0.1
            [pid 5] malloc(99999999999999999999999) = 0x1   |x.ltrace:11:1: warning: allocator call with unreadable arguments, no event: malloc[99999999999999999999999]
            [pid 5] free("abc") = <void>                    |x.ltrace:11:1: warning: allocator call with unreadable arguments, no event: free["abc"]
            """)
    void bad_line_gives_a_positioned_message(String line, String message) {
        // ten good lines first: the sniffer calls a short head with many non-ASCII bytes binary
        Parsed p = Parsed.text(dir, (GOOD + "\n").repeat(10) + line + "\n" + GOOD + "\n");
        String prefix = dir.toString() + "/";
        assertThat(p.summary().messages()).extracting(d -> d.toString().replace(prefix, "")).contains(message);
    }

    @org.junit.jupiter.api.Test
    void a_damaged_last_line_is_a_truncated_record() {
        Parsed p = Parsed.text(dir, GOOD + "\n[pid 12] 04:14:33.100000 threads->mall");
        assertThat(p.summary().skippedByReason()).containsOnly(org.assertj.core.api.Assertions.entry("truncated record", 1L));
        assertThat(p.events()).hasSize(1);
    }
}
