package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Frame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** ustack(perf) symbol text → frame, as bpftrace 0.17's resolve_usym prints it. */
class FrameTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            7f8f3b6b4e2a | malloc+0 (/usr/lib/x86_64-linux-gnu/libc.so.6)        | malloc                         | 0  | /usr/lib/x86_64-linux-gnu/libc.so.6
            55d4f5a9a1b9 | main+25 (/work/p)                                     | main                           | 25 | /work/p
            55d4f5a9a1b9 | operator new(unsigned long)+30 (/usr/lib/libstdc++.so.6) | operator new(unsigned long) | 30 | /usr/lib/libstdc++.so.6
            401000       | operator+=(int)+7 (/p)                                | operator+=(int)                | 7  | /p
            401000       | std::vector<int, std::allocator<int> >::push_back(int const&)+12 (/p (deleted)) | std::vector<int, std::allocator<int> >::push_back(int const&)+12 (/p | -1 | deleted)
            7ffd00001234 | 0x7ffd00001234 ([unknown])                            | [unknown]                      | -1 |
            401000       | mystery (/p)                                          | mystery                        | -1 | /p
            401000       | ''                                                    | [unknown]                      | -1 |
            """)
    void symbol_text_splits_into_name_offset_and_module(String ip, String symbol, String name, long offset, String module) {
        Frame f = FrameText.parse(ip, symbol);
        assertThat(f.function()).isEqualTo(name);
        assertThat(f.offset()).isEqualTo(offset);
        assertThat(f.module()).isEqualTo(module);
        assertThat(f.ip()).isEqualTo(Long.parseUnsignedLong(ip, 16));
    }
}
