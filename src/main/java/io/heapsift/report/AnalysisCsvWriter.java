package io.heapsift.report;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Suspect;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;

/** One CSV row per suspect stack, with the trace's verdict on each row (for spreadsheets and joins). */
public final class AnalysisCsvWriter {

    static final String[] HEADER = {"source", "verdict", "severity", "label", "bytes", "blocks", "indirect_bytes",
        "allocs", "peak_bytes", "growth_bytes_per_second", "r2", "stack"};

    private final int top;

    public AnalysisCsvWriter(int top) {
        this.top = top;
    }

    public void write(AnalysisResult r, Writer out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
        int n = 0;
        for (Suspect s : r.suspects()) {
            if (n++ >= top) break;
            p.printRecord(r.source(), r.verdict(), r.severity(), s.label().id(), s.bytes(), s.blocks(),
                    s.indirectBytes(), s.allocs(), s.peakBytes(),
                    Double.isNaN(s.growthBytesPerSecond()) ? "" : Math.round(s.growthBytesPerSecond()),
                    s.growth() == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", s.growth().r2()),
                    FoldedWriter.line(s.stack()));
        }
        if (r.suspects().isEmpty()) {
            p.printRecord(r.source(), r.verdict(), r.severity(), "", 0, 0, 0, 0, 0, "", "", "");
        }
        p.flush();
    }
}
