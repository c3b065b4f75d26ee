package io.heapsift.replay;

import io.heapsift.model.Footprint;
import io.heapsift.model.MallInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MallinfoTsvTest {

    static final String TSV = "seq\tlabel\tarena\tordblks\tsmblks\thblks\thblkhd\tuordblks\tfordblks\tfsmblks\tkeepcost\trss_kb\tvmdata_kb\n"
            + "1\tstart\t135168\t1\t0\t0\t0\t688\t134480\t0\t134480\t1400\t2000\n"
            + "2\tafter alloc\t134320128\t1\t0\t0\t0\t134251184\t68944\t0\t68944\t132676\t133552\n";

    @TempDir
    Path dir;

    @Test
    void reads_rows_after_the_header() throws IOException {
        List<MallinfoRow> rows = MallinfoTsv.parse(new BufferedReader(new StringReader(TSV)), "x.tsv");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).label()).isEqualTo("after alloc");
        assertThat(rows.get(1).mallinfo()).isEqualTo(new MallInfo(134320128, 1, 0, 0, 0, 134251184, 68944, 0, 68944));
        assertThat(rows.get(1).rssBytes()).isEqualTo(132676L * 1024);
    }

    @Test
    void a_short_row_is_an_error_with_its_line() {
        assertThatThrownBy(() -> MallinfoTsv.parse(new BufferedReader(new StringReader(TSV + "3\tx\t1\t2\n")), "x.tsv"))
                .isInstanceOf(MallinfoTsv.MallinfoFormatException.class).hasMessageContaining("x.tsv:4:");
    }

    @Test
    void the_ground_truth_is_found_next_to_a_compressed_trace() throws IOException {
        Path trace = dir.resolve("wl_holes.bpftrace.txt.gz");
        Files.writeString(trace, "");
        assertThat(MallinfoTsv.besides(trace)).isNull();
        Files.writeString(dir.resolve("wl_holes.bpftrace.mallinfo.tsv"), TSV);
        assertThat(MallinfoTsv.besides(trace)).isEqualTo(dir.resolve("wl_holes.bpftrace.mallinfo.tsv"));
    }

    @Test
    void comparison_counts_exact_fields_and_rss_error_after_the_baseline() throws IOException {
        List<MallinfoRow> truth = MallinfoTsv.parse(new BufferedReader(new StringReader(TSV)), "x.tsv");
        MallInfo m1 = new MallInfo(135168, 1, 0, 0, 0, 688, 134480, 0, 134480);
        MallInfo m2 = new MallInfo(134320128, 1, 0, 0, 0, 134251184, 68944, 0, 69000); // keepcost off by 56
        List<Checkpoint> cps = List.of(cp(1, m1, 4096), cp(2, m2, 4096 + 131276L * 1024));
        CheckpointComparison c = CheckpointComparison.compare(cps, truth);
        assertThat(c.compared()).isEqualTo(2);
        CheckpointComparison.Field keep = c.fields().get(CheckpointComparison.FIELD_NAMES.indexOf("keepcost"));
        assertThat(keep.exact()).isEqualTo(1);
        assertThat(keep.firstMismatch()).isEqualTo(2);
        assertThat(keep.maxAbsError()).isEqualTo(56);
        assertThat(c.fields().get(0).exactShare()).isEqualTo(1.0);
        // differences 1400 KiB - 4 KiB and 132676 KiB - (4 KiB + 131276 KiB): the median is their mean
        assertThat(c.rss().baselineBytes()).isEqualTo(1400L * 1024 - 4096);
        assertThat(c.rss().compared()).isEqualTo(2);
        assertThat(c.rss().maxAbsErrorBytes()).isEqualTo(0);
    }

    private static Checkpoint cp(int n, MallInfo m, long rss) {
        Footprint f = new Footprint(0, 0, m.arena(), 0, 0, 0, 0, 0, 0, 0, 0, rss, rss);
        return new Checkpoint(n, m, new Sample(n, n, 0, f, null, Sample.Mark.CHECKPOINT));
    }
}
