package io.heapsift.gate;

import io.heapsift.event.LeakKind;
import io.heapsift.grammar.supp.SuppLexer;
import io.heapsift.grammar.supp.SuppParser;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads valgrind suppression files with the {@code Supp} grammar (grammars/io/heapsift/grammar/supp). */
public final class SuppFileParser {

    private SuppFileParser() {
    }

    /** True if the text looks like a valgrind suppression file (a line that is just "{"). */
    public static boolean looksLikeValgrind(String text) {
        for (String line : text.split("\r?\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            return t.equals("{");
        }
        return false;
    }

    /** Parses a whole file. */
    public static List<ValgrindSuppression> parse(String text, String file) throws GateConfigException {
        SuppLexer lexer = new SuppLexer(CharStreams.fromString(text.endsWith("\n") ? text : text + "\n"));
        SuppParser parser = new SuppParser(new CommonTokenStream(lexer));
        List<String> errors = new ArrayList<>();
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg,
                                    RecognitionException e) {
                if (errors.isEmpty()) errors.add(file + ":" + line + ":" + (col + 1) + ": not a valgrind suppression: " + msg);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        SuppParser.FileContext tree = parser.file();
        if (!errors.isEmpty()) throw new GateConfigException(errors.get(0));
        List<ValgrindSuppression> out = new ArrayList<>();
        for (SuppParser.SuppressionContext s : tree.suppression()) out.add(block(s, file));
        return out;
    }

    private static ValgrindSuppression block(SuppParser.SuppressionContext s, String file) throws GateConfigException {
        Set<LeakKind> kinds = s.kinds == null ? EnumSet.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE,
                LeakKind.REACHABLE) : kinds(s.kinds, file);
        List<FramePattern> frames = new ArrayList<>();
        for (SuppParser.FrameContext f : s.frame()) frames.add(frame(f));
        return new ValgrindSuppression(s.name.getText().trim(), file + ":" + s.start.getLine(),
                s.kind.getText().trim(), kinds, List.copyOf(frames));
    }

    private static FramePattern frame(SuppParser.FrameContext f) {
        String t = f.getText().trim();
        if (f instanceof SuppParser.AnyFramesContext) return FramePattern.of(FramePattern.Type.ANY, "...");
        FramePattern.Type type = f instanceof SuppParser.FunFrameContext ? FramePattern.Type.FUN
                : f instanceof SuppParser.ObjFrameContext ? FramePattern.Type.OBJ : FramePattern.Type.SRC;
        return FramePattern.of(type, t.substring(4).trim());
    }

    private static Set<LeakKind> kinds(Token t, String file) throws GateConfigException {
        Set<LeakKind> kinds = EnumSet.noneOf(LeakKind.class);
        String list = t.getText().substring("match-leak-kinds:".length()).trim();
        for (String k : list.split(",")) {
            switch (k.trim().toLowerCase(Locale.ROOT)) {
                case "definite" -> kinds.add(LeakKind.DEFINITE);
                case "indirect" -> kinds.add(LeakKind.INDIRECT);
                case "possible" -> kinds.add(LeakKind.POSSIBLE);
                case "reachable" -> kinds.add(LeakKind.REACHABLE);
                case "all" -> kinds.addAll(EnumSet.of(LeakKind.DEFINITE, LeakKind.INDIRECT, LeakKind.POSSIBLE, LeakKind.REACHABLE));
                case "none" -> { }
                default -> throw new GateConfigException(file, t.getLine(), t.getCharPositionInLine() + 1,
                        "unknown leak kind '" + k.trim() + "' (expected definite, indirect, possible, reachable, all or none)");
            }
        }
        return kinds;
    }
}
