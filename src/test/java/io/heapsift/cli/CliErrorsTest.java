package io.heapsift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input and bad usage give a positioned message and a documented exit code, never a stack trace. */
class CliErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missing_file_is_an_input_error() {
        CliRunner.Result r = CliRunner.run("table", dir.resolve("nope.txt").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("nope.txt: no such file").doesNotContain("Exception");
    }

    @Test
    void directory_is_an_input_error() {
        CliRunner.Result r = CliRunner.run("table", dir.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("is a directory");
    }

    @Test
    void unrecognized_text_names_the_first_line_and_the_known_formats() throws IOException {
        Path f = dir.resolve("poem.txt");
        Files.writeString(f, "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate.\n");
        CliRunner.Result r = CliRunner.run("table", f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("poem.txt:1: unrecognized capture format (first line: \"Shall I compare")
                .contains("--format").doesNotContain("Exception");
    }

    @Test
    void empty_file_is_an_input_error() throws IOException {
        Path f = dir.resolve("empty.txt");
        Files.writeString(f, "");
        CliRunner.Result r = CliRunner.run("table", f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("empty input");
    }

    @Test
    void binary_data_is_refused() throws IOException {
        Path f = dir.resolve("a.out");
        byte[] b = new byte[4096];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7);
        Files.write(f, b);
        CliRunner.Result r = CliRunner.run("table", f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("binary data, not a text capture");
    }

    @Test
    void binary_data_inside_gzip_is_refused_too() throws IOException {
        Path f = dir.resolve("x.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(new byte[2048]);
        }
        CliRunner.Result r = CliRunner.run("table", f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("binary data").contains("gzip");
    }

    @Test
    void unknown_option_and_bad_values_are_usage_errors() {
        assertThat(CliRunner.run("table", "--bogus", "x").exit()).isEqualTo(2);
        assertThat(CliRunner.run("table", "--output", "yaml", "x").exit()).isEqualTo(2);
        assertThat(CliRunner.run("table").exit()).isEqualTo(2);
        assertThat(CliRunner.run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void unknown_forced_format_is_a_usage_error() throws IOException {
        Path f = dir.resolve("x.txt");
        Files.writeString(f, "hello\n");
        CliRunner.Result r = CliRunner.run("table", "--format", "nosuch", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --format 'nosuch'");
    }

    @Test
    void help_lists_exit_codes() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("3   unreadable or unrecognized input");
        assertThat(CliRunner.run("table", "--help").out()).contains("--output").contains("--strict").contains("Exit codes:");
    }
}
