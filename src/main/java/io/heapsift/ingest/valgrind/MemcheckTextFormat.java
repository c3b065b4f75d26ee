package io.heapsift.ingest.valgrind;

import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceFormat;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;

/**
 * {@code valgrind-memcheck}: memcheck's text log (stderr or {@code --log-file}), the leak report and
 * error messages. Shares its parser with {@link TraceMallocFormat}: a log can hold both kinds of content.
 */
public final class MemcheckTextFormat implements TraceFormat {

    @Override
    public String id() {
        return ValgrindLogParser.MEMCHECK_ID;
    }

    @Override
    public String description() {
        return "valgrind memcheck text log (--leak-check loss records, errors, HEAP/LEAK SUMMARY)";
    }

    @Override
    public int probe(Sample sample) {
        return ValgrindSample.of(sample).score(false);
    }

    @Override
    public void parse(TraceInput input, ParseContext ctx) throws IOException {
        new ValgrindLogParser().parse(input, ctx);
    }
}
