package io.heapsift.ingest.valgrind;

import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceFormat;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;

/**
 * {@code valgrind-trace-malloc}: a valgrind log whose content is mostly {@code --trace-malloc=yes}
 * call lines ({@code --PID-- malloc(16) = 0x4A41820}). Same parser as {@link MemcheckTextFormat}.
 */
public final class TraceMallocFormat implements TraceFormat {

    @Override
    public String id() {
        return ValgrindLogParser.TRACE_MALLOC_ID;
    }

    @Override
    public String description() {
        return "valgrind --trace-malloc=yes log (one line per malloc/free call, no stacks)";
    }

    @Override
    public int probe(Sample sample) {
        return ValgrindSample.of(sample).score(true);
    }

    @Override
    public void parse(TraceInput input, ParseContext ctx) throws IOException {
        new ValgrindLogParser().parse(input, ctx);
    }
}
