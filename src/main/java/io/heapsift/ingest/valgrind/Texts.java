package io.heapsift.ingest.valgrind;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/** The original characters of a parse context, whitespace included (getText() would drop nothing but joins tokens). */
final class Texts {

    private Texts() {
    }

    /** The input text covered by {@code ctx}, or "" for an empty context. */
    static String of(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (start == null || stop == null || stop.getStopIndex() < start.getStartIndex()
                || start.getType() == Token.EOF) {
            return "";
        }
        return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
    }

    /** The input text from {@code from} (inclusive) to the end of {@code ctx}. */
    static String from(Token from, ParserRuleContext ctx) {
        Token stop = ctx.getStop();
        if (stop == null || stop.getType() == Token.EOF || stop.getStopIndex() < from.getStartIndex()) return "";
        return from.getInputStream().getText(Interval.of(from.getStartIndex(), stop.getStopIndex()));
    }

    /** 1-based column of the context's first token. */
    static int column(ParserRuleContext ctx) {
        return ctx.getStart().getCharPositionInLine() + 1;
    }
}
