package io.heapsift.report;

import io.heapsift.analysis.AnalysisResult;

import java.io.IOException;
import java.io.PrintWriter;

/** Placeholder. */
public final class HtmlReportWriter {
    public void write(AnalysisResult r, PrintWriter out) throws IOException {
        throw new IOException("html not yet");
    }
}
