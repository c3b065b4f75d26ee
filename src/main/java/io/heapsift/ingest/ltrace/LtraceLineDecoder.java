package io.heapsift.ingest.ltrace;

import io.heapsift.grammar.ltrace.LtraceLexer;
import io.heapsift.grammar.ltrace.LtraceParser;
import io.heapsift.ingest.LineParser;

/**
 * Decodes one line: first with the hand-written {@link LtraceFastPath} (the common shapes), else
 * with the ANTLR grammar through {@link LineParser}, which also gives the column and message of a
 * rejected line. The returned {@link LtraceLine} is reused by the next call.
 */
final class LtraceLineDecoder {

    private final LtraceFastPath fast = new LtraceFastPath();
    private final LineParser<LtraceParser, LtraceParser.LineContext> parser =
            new LineParser<>(new LtraceLexer(null), new LtraceParser(null), LtraceParser::line);
    private final LtraceLine line = new LtraceLine();
    private final boolean useFastPath;
    private long fastLines;

    LtraceLineDecoder(boolean useFastPath) {
        this.useFastPath = useFastPath;
    }

    /** The decoded line, or null if the grammar rejects it (see {@link #errorColumn()}). */
    LtraceLine decode(String text) {
        if (useFastPath && fast.decode(text, line)) {
            fastLines++;
            return line;
        }
        LtraceParser.LineContext tree = parser.parse(text);
        if (tree == null) return null;
        LtraceTreeDecoder.decode(tree, line);
        return line;
    }

    /** Decodes with the grammar only (for the agreement tests); null if rejected. */
    LtraceLine decodeWithGrammar(String text) {
        LtraceParser.LineContext tree = parser.parse(text);
        if (tree == null) return null;
        LtraceTreeDecoder.decode(tree, line);
        return line;
    }

    int errorColumn() {
        return parser.errorColumn();
    }

    String errorMessage() {
        return parser.errorMessage();
    }

    /** How many lines the fast path decoded. */
    long fastLines() {
        return fastLines;
    }
}
