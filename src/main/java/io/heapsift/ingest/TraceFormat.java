package io.heapsift.ingest;

import java.io.IOException;

/**
 * A capture format: a grammar plus a builder that turns what it recognizes into events.
 * Implementations are registered in {@code META-INF/services/io.heapsift.ingest.TraceFormat}.
 */
public interface TraceFormat {

    /** Stable id, used by {@code --format} and in JSON output ({@code ltrace}, {@code valgrind-memcheck-xml}, ...). */
    String id();

    /** One line for {@code heapsift formats} and {@code --help}. */
    String description();

    /**
     * How sure this format is that the sample is its own: 0 (not mine) to 100 (certain).
     * Called with the first lines of the (decompressed) input; must not throw.
     */
    int probe(Sample sample);

    /**
     * Parses the whole input, pushing events to {@code ctx} and accounting for every line in
     * {@code ctx.diagnostics()}. Must stream: never hold the whole input.
     *
     * @throws TraceInputException for fatal problems (unsupported version, unusable input)
     */
    void parse(TraceInput input, ParseContext ctx) throws IOException;
}
