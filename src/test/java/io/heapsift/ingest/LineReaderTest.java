package io.heapsift.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    private static List<String> read(byte[] data, Diagnostics d, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(data), d, max)) {
            String l;
            while ((l = r.next()) != null) out.add(r.lineNumber() + ":" + l);
        }
        return out;
    }

    @Test
    void counts_every_line_and_skips_long_and_binary_ones() throws IOException {
        Diagnostics d = new Diagnostics("x");
        byte[] data = "a\r\n\nbbbbbbbbbbbb\nc\0d\ne".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(data, d, 8)).containsExactly("1:a", "2:", "5:e");
        assertThat(d.lines()).isEqualTo(5);
        assertThat(d.skipped()).isEqualTo(2);
        assertThat(d.skippedByReason()).containsEntry("line too long", 1L).containsEntry("binary data", 1L);
        assertThat(d.messages().get(0).toString()).isEqualTo("x:3:1: warning: line too long: longer than 8 bytes");
    }

    @Test
    void decodes_utf8_and_replaces_invalid_bytes() throws IOException {
        Diagnostics d = new Diagnostics("x");
        byte[] data = {'f', (byte) 0xc3, (byte) 0xa9, '\n', 'g', (byte) 0xff, '\n'};
        assertThat(read(data, d, 100)).containsExactly("1:fé", "2:g\uFFFD");
    }

    @Test
    void long_lines_spanning_buffers_are_read_whole() throws IOException {
        Diagnostics d = new Diagnostics("x");
        String big = "y".repeat(200_000);
        assertThat(read((big + "\nz\n").getBytes(StandardCharsets.US_ASCII), d, 1 << 20)).containsExactly("1:" + big, "2:z");
    }
}
