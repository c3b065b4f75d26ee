package io.heapsift.ingest.overlay;

import io.heapsift.event.RssSample;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverlayReadersTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void proc_status_dumps_with_timestamps_before_each_dump() throws IOException {
        List<RssSample> s = RssLogReader.read(file("rss.log", """
                1700000000.500
                Name:\tapp
                VmPeak:\t  200000 kB
                VmRSS:\t    1024 kB
                Threads:\t4
                1700000001.500
                VmRSS:\t    2048 kB
                """));
        assertThat(s).extracting(RssSample::rssBytes).containsExactly(1024L * 1024, 2048L * 1024);
        assertThat(s.get(1).timeNs() - s.get(0).timeNs()).isEqualTo(1_000_000_000L);
    }

    @Test
    void timestamp_on_the_vmrss_line_and_untimed_dumps() throws IOException {
        assertThat(RssLogReader.read(file("a.log", "12.25 VmRSS: 100 kB\n")).get(0).timeNs()).isEqualTo(12_250_000_000L);
        assertThat(RssLogReader.read(file("b.log", "VmRSS: 100 kB\nVmRSS: 200 kB\n")))
                .extracting(RssSample::timeNs).containsOnly(TraceEvent.NO_TIME);
    }

    @Test
    void ps_rss_output_with_and_without_elapsed_time() throws IOException {
        assertThat(RssLogReader.read(file("ps1", "  RSS\n 1000\n 2000\n"))).extracting(RssSample::rssBytes)
                .containsExactly(1000L * 1024, 2000L * 1024);
        List<RssSample> s = RssLogReader.read(file("ps2", "    ELAPSED   RSS\n      00:05  1000\n   01:00:05  3000\n"));
        assertThat(s).extracting(RssSample::timeNs).containsExactly(5_000_000_000L, 3605_000_000_000L);
        assertThat(RssLogReader.read(file("ps3", "1-00:00:00 10\n")).get(0).timeNs()).isEqualTo(86_400_000_000_000L);
    }

    @Test
    void a_file_without_rss_is_an_error_naming_it() throws IOException {
        Path p = file("nothing.txt", "hello\nworld\n");
        assertThatThrownBy(() -> RssLogReader.read(p)).isInstanceOf(IOException.class).hasMessageContaining("nothing.txt");
    }

    /** design/ptmalloc.md §18.5 (oracle te_threads conc). */
    @Test
    void malloc_stats_per_arena_and_totals_last_dump_wins() throws IOException {
        String dump = """
                Arena 0:
                system bytes     =     135168
                in use bytes     =       1840
                Arena 1:
                system bytes     =    5238784
                in use bytes     =    5238240
                Total (incl. mmap):
                system bytes     =    5373952
                in use bytes     =    5240080
                max mmap regions =          0
                max mmap bytes   =          0
                """;
        MallocStatsReader.Dump d = MallocStatsReader.read(file("stats.txt", "Arena 0:\nsystem bytes = 1\nin use bytes = 1\n"
                + "Total (incl. mmap):\nsystem bytes = 1\nin use bytes = 1\n" + dump));
        assertThat(d.arenas()).hasSize(2);
        assertThat(d.arenas().get(1)).containsExactly(5238784L, 5238240L);
        assertThat(d.systemBytes()).isEqualTo(5373952L);
        assertThat(d.inUseBytes()).isEqualTo(5240080L);
    }

    /** design/ptmalloc.md §18.8 (oracle ti_info). */
    @Test
    void malloc_info_xml_heaps_and_totals() throws IOException {
        String xml = """
                <malloc version="1">
                <heap nr="0">
                <sizes>
                  <size from="113" to="113" total="1017" count="9"/>
                </sizes>
                <total type="fast" count="0" size="0"/>
                <total type="rest" count="26" size="99417"/>
                <system type="current" size="135168"/>
                <system type="max" size="135168"/>
                </heap>
                <heap nr="1">
                <total type="fast" count="0" size="0"/>
                <total type="rest" count="2" size="132865"/>
                <system type="current" size="135168"/>
                </heap>
                <total type="fast" count="0" size="0"/>
                <total type="rest" count="28" size="232282"/>
                <total type="mmap" count="1" size="503808"/>
                <system type="current" size="270336"/>
                <system type="max" size="270336"/>
                </malloc>
                """;
        MallocStatsReader.Dump d = MallocStatsReader.read(file("info.xml", xml));
        assertThat(d.arenas()).hasSize(2);
        assertThat(d.arenas().get(0)).containsExactly(135168L, 135168L - 99417L);
        assertThat(d.mmapBytes()).isEqualTo(503808L);
        assertThat(d.systemBytes()).isEqualTo(270336L + 503808L);
        assertThat(d.inUseBytes()).isEqualTo(270336L - 232282L + 503808L);
    }
}
