package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol 6 summaries, written as valgrind's printing code writes them (mc_malloc_wrappers.c
 * {@code <heap_summary>} and mc_leakcheck.c {@code <leak_summary>}, both with {@code %'lu}: thousands
 * separators). No valgrind ≥ 3.26 is installed here, so these are hand-written from that code.
 */
class ValgrindXmlSummaryTest {

    @TempDir
    Path dir;

    static String document(String body) {
        return """
                <?xml version="1.0"?>

                <valgrindoutput>

                <protocolversion>6</protocolversion>
                <protocoltool>memcheck</protocoltool>

                <status>
                  <state>FINISHED</state>
                  <time>00:00:00:01.858 </time>
                </status>

                """ + body + """

                </valgrindoutput>

                """;
    }

    @Test
    void heap_and_leak_summaries_with_grouped_numbers_blocks_and_in_blocks() throws IOException {
        XmlRun run = XmlRun.parse(dir, "p6.xml", document("""
                <heap_summary>
                  <memory_in_use_at_exit>
                    <bytes>1,173</bytes>
                    <blocks>6</blocks>
                  </memory_in_use_at_exit>
                  <total_heap_usage>
                    <allocs>1,017</allocs>
                    <frees>1,011</frees>
                    <bytes_allocated>6,760,123</bytes_allocated>
                  </total_heap_usage>
                </heap_summary>

                <all_heap_blocks_freed>false</all_heap_blocks_freed>

                <leak_summary>
                  <definitely_lost>
                    <bytes>1,016</bytes>
                    <blocks>2</blocks>
                  </definitely_lost>
                  <indirectly_lost>
                    <bytes>40</bytes>
                    <in_blocks>1</in_blocks>
                  </indirectly_lost>
                  <possibly_lost>
                    <bytes>0</bytes>
                    <blocks>0</blocks>
                  </possibly_lost>
                  <still_reachable>
                    <bytes>117 (+8)</bytes>
                    <blocks>3 (+1)</blocks>
                    <reachable_heuristic>
                      <kind>stdstring</kind>
                      <bytes>56</bytes>
                      <blocks>1</blocks>
                    </reachable_heuristic>
                  </still_reachable>
                  <suppressed>
                    <bytes>0</bytes>
                    <blocks>0</blocks>
                  </suppressed>
                </leak_summary>

                <errorcounts>
                </errorcounts>

                <suppcounts>
                </suppcounts>

                <error_summary>
                  <errors>3</errors>
                  <error_contexts>3</error_contexts>
                  <suppressed>0</suppressed>
                  <suppressed_contexts>0</suppressed_contexts>
                </error_summary>
                """));
        assertThat(run.all(HeapSummary.class)).containsExactly(new HeapSummary(23, 1173, 6, 1017, 1011, 6_760_123));
        assertThat(run.all(LeakSummary.class)).containsExactly(
                new LeakSummary(53, LeakKind.DEFINITE, 1016, 2),
                new LeakSummary(53, LeakKind.INDIRECT, 40, 1),
                new LeakSummary(53, LeakKind.POSSIBLE, 0, 0),
                new LeakSummary(53, LeakKind.REACHABLE, 117, 3),
                new LeakSummary(53, LeakKind.SUPPRESSED, 0, 0));
        assertThat(run.ctx().facts()).containsEntry("all-heap-blocks-freed", "false")
                .containsEntry("error-summary", "3 errors from 3 contexts (suppressed: 0 from 0)");
        assertThat(run.ctx().variant()).isEqualTo("protocol 6");
        assertThat(run.diag().skipped()).isZero();
        assertThat(run.diag().warnings()).isZero();
    }

    @Test
    void protocol_5_fd_errors_are_tool_errors() throws IOException {
        XmlRun run = XmlRun.parse(dir, "p5.xml", document("""
                <error>
                  <unique>0x0</unique>
                  <tid>1</tid>
                  <kind>FdNotClosed</kind>
                  <what>Open file descriptor 3: /tmp/x</what>
                  <fd>3</fd>
                  <path>/tmp/x</path>
                  <stack>
                    <frame>
                      <ip>0x4977E2B</ip>
                      <obj>/usr/lib/x86_64-linux-gnu/libc.so.6</obj>
                      <fn>open</fn>
                    </frame>
                  </stack>
                </error>
                """).replace("<protocolversion>6", "<protocolversion>5"));
        assertThat(run.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("FdNotClosed");
            assertThat(e.what()).isEqualTo("Open file descriptor 3: /tmp/x");
            assertThat(e.stack().top().ip()).isEqualTo(0x4977E2BL);
        });
        assertThat(run.ctx().variant()).isEqualTo("protocol 5");
    }
}
