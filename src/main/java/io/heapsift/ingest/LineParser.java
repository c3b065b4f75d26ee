package io.heapsift.ingest;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.function.Function;

/**
 * Parses one line at a time with a generated ANTLR lexer and parser, both reused: first SLL with a
 * bail-out strategy (fast), then full LL with error collection for the lines SLL rejects, so that
 * rejected lines get an exact column and message. Lines are short, so no parse tree outlives its line.
 *
 * <p>Usage: {@code var lp = new LineParser<>(new FooLexer(null), new FooParser(null), FooParser::line);}
 * then {@code FooParser.LineContext c = lp.parse(text); if (c == null) diag.skip(n, lp.errorColumn(), ..., lp.errorMessage());}
 */
public final class LineParser<P extends Parser, T extends ParserRuleContext> {

    private final Lexer lexer;
    private final P parser;
    private final Function<P, T> rule;
    private final Collector errors = new Collector();
    private int errorColumn;
    private String errorMessage;

    public LineParser(Lexer lexer, P parser, Function<P, T> rule) {
        this.lexer = lexer;
        this.parser = parser;
        this.rule = rule;
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        parser.removeErrorListeners();
        parser.setBuildParseTree(true);
    }

    /** Parses {@code line} with the start rule; returns null if it does not match (see {@link #errorMessage()}). */
    public T parse(String line) {
        errors.reset();
        lexer.setInputStream(CharStreams.fromString(line));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        parser.setTokenStream(tokens);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        parser.removeErrorListeners();
        try {
            T ctx = rule.apply(parser);
            if (!errors.failed) return ctx;
        } catch (ParseCancellationException e) {
            // fall through to the full LL parse for an exact message
        }
        errors.reset();
        lexer.setInputStream(CharStreams.fromString(line));
        tokens = new CommonTokenStream(lexer);
        parser.setTokenStream(tokens);
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(new DefaultErrorStrategy());
        parser.addErrorListener(errors);
        T ctx = rule.apply(parser);
        parser.removeErrorListeners();
        if (errors.failed) {
            errorColumn = errors.column + 1;
            errorMessage = errors.message;
            return null;
        }
        return ctx;
    }

    /** 1-based column of the first error of the last rejected line. */
    public int errorColumn() {
        return errorColumn;
    }

    /** ANTLR's message for the first error of the last rejected line. */
    public String errorMessage() {
        return errorMessage;
    }

    public P parser() {
        return parser;
    }

    private static final class Collector extends BaseErrorListener {
        boolean failed;
        int column;
        String message;

        void reset() {
            failed = false;
            column = 0;
            message = null;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg, RecognitionException e) {
            if (!failed) {
                failed = true;
                column = col;
                message = msg;
            }
        }
    }
}
