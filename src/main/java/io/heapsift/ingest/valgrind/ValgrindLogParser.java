package io.heapsift.ingest.valgrind;

import io.heapsift.grammar.valgrind.ValgrindLexer;
import io.heapsift.grammar.valgrind.ValgrindParser;
import io.heapsift.grammar.valgrind.ValgrindParser.LineContext;
import io.heapsift.grammar.valgrind.ValgrindParser.LinePrefixContext;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.LineParser;
import io.heapsift.ingest.LineReader;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;

/**
 * The line loop shared by both valgrind text formats: parse each line with the grammar, decode its
 * prefix, and hand it to the {@link ValgrindEventBuilder}. In a log with prefixes, a line without
 * one is the traced program's own output (it shared valgrind's stderr); in the prefix-less
 * regression-test dialect every line is read as a message body.
 */
final class ValgrindLogParser {

    static final String MEMCHECK_ID = "valgrind-memcheck";
    static final String TRACE_MALLOC_ID = "valgrind-trace-malloc";

    private final LineParser<ValgrindParser, LineContext> lines =
            new LineParser<>(new ValgrindLexer(null), new ValgrindParser(null), ValgrindParser::line);
    private final LineParser<ValgrindParser, ValgrindParser.TraceOnlyContext> traceOnly =
            new LineParser<>(new ValgrindLexer(null), new ValgrindParser(null), ValgrindParser::traceOnly);

    void parse(TraceInput input, ParseContext ctx) throws IOException {
        ValgrindSample sample = ValgrindSample.of(input.sample());
        boolean prefixed = sample.prefixed() > 0;
        ValgrindEventBuilder builder = new ValgrindEventBuilder(ctx, !prefixed);
        Diagnostics diag = ctx.diagnostics();
        try (LineReader reader = input.lines(diag)) {
            String text;
            while ((text = reader.next()) != null) {
                long n = reader.lineNumber();
                LineContext line = lines.parse(text);
                if (line == null) {
                    diag.skip(n, lines.errorColumn(), "unrecognized line", lines.errorMessage());
                    continue;
                }
                if (line.linePrefix() == null && prefixed) {
                    diag.skip(n, 1, "program output", null);
                    continue;
                }
                try {
                    builder.onLine(n, prefix(line.linePrefix()), line.body());
                } catch (BadLine e) {
                    skip(diag, n, text, e);
                }
            }
        }
        builder.end();
        ctx.formatId(builder.traceDominates() ? TRACE_MALLOC_ID : MEMCHECK_ID);
        ctx.variant(variant(prefixed, sample));
    }

    private static Prefix prefix(LinePrefixContext p) {
        if (p == null) return Prefix.NONE;
        if (p.FATAL_PREFIX() != null) return Prefix.FATAL;
        return Prefix.parse(p.PREFIX().getText());
    }

    /** A BadLine without a column is positioned by the grammar: the call alone is parsed to find the error. */
    private void skip(Diagnostics diag, long n, String text, BadLine e) {
        if (e.column > 0 || traceOnly.parse(text) != null) {
            diag.skip(n, Math.max(1, e.column), e.reason, e.getMessage());
        } else {
            diag.skip(n, traceOnly.errorColumn(), e.reason, traceOnly.errorMessage());
        }
    }

    private static String variant(boolean prefixed, ValgrindSample sample) {
        if (!prefixed) return "regression-test .exp (no prefixes)";
        return sample.timeStamped() ? "time-stamp" : null;
    }
}
