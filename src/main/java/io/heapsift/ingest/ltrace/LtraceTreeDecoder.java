package io.heapsift.ingest.ltrace;

import io.heapsift.grammar.ltrace.LtraceParser;
import io.heapsift.grammar.ltrace.LtraceParser.ArgContext;
import io.heapsift.grammar.ltrace.LtraceParser.ArgsContext;
import io.heapsift.grammar.ltrace.LtraceParser.BodyContext;
import io.heapsift.grammar.ltrace.LtraceParser.CallHeadContext;
import io.heapsift.grammar.ltrace.LtraceParser.FrameContext;
import io.heapsift.grammar.ltrace.LtraceParser.PrefixContext;
import io.heapsift.grammar.ltrace.LtraceParser.TimesContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree of the {@code line} rule into an {@link LtraceLine}. Texts of multi-token parts
 * (a demangled name, an argument) are taken from the input between their first and last token, so
 * the spaces inside them are kept as printed and the padding around them is not.
 */
final class LtraceTreeDecoder {

    private LtraceTreeDecoder() {
    }

    static void decode(LtraceParser.LineContext tree, LtraceLine out) {
        out.reset();
        if (tree instanceof LtraceParser.TraceLineContext t) {
            prefix(t.prefix(), out);
            body(t.body(), out);
        } else if (tree instanceof LtraceParser.SummaryLineContext) {
            out.kind = LtraceLine.Kind.SUMMARY;
        } else if (tree instanceof LtraceParser.ReportLineContext) {
            out.kind = LtraceLine.Kind.REPORT;
        } else if (tree instanceof LtraceParser.FrameLineContext f) {
            frame(f.frame(), out);
        } else {
            out.kind = LtraceLine.Kind.BLANK;
        }
    }

    private static void prefix(PrefixContext p, LtraceLine out) {
        if (p.pid() != null) {
            String pid = p.pid().getText();
            out.pidBracketed = pid.startsWith("[pid ");
            out.pid = out.pidBracketed ? pid.substring(5, pid.length() - 1) : pid;
        }
        TimesContext t = p.times();
        if (t != null) {
            if (t.first != null) {
                out.time1 = t.first.getText();
                if (t.second != null) out.time2 = t.second.getText();
                else if (t.clock != null) out.time2 = t.clock.getText();
            } else {
                out.time1 = t.clock.getText();
            }
        }
        if (p.ip != null) {
            String ip = p.ip.getText();
            out.ip = ip.substring(1, ip.length() - 1);
        }
    }

    private static void body(BodyContext b, LtraceLine out) {
        if (b instanceof LtraceParser.CallDoneContext c) {
            out.kind = LtraceLine.Kind.CALL_DONE;
            head(c.callHead(), out);
            args(c.args(), out);
            out.ret = text(c.retval());
            out.duration = duration(c.DURATION());
        } else if (b instanceof LtraceParser.CallOpenContext c) {
            out.kind = c.UNFINISHED() != null ? LtraceLine.Kind.CALL_UNFINISHED : LtraceLine.Kind.CALL_NO_RETURN;
            head(c.callHead(), out);
            args(c.args(), out);
        } else if (b instanceof LtraceParser.CallResumedContext c) {
            out.kind = LtraceLine.Kind.RESUMED;
            out.name = text(c.funcName());
            args(c.args(), out);
            out.ret = text(c.retval());
            out.duration = duration(c.DURATION());
        } else {
            event(b, out);
        }
    }

    private static void event(BodyContext b, LtraceLine out) {
        if (b instanceof LtraceParser.ExitedContext c) {
            out.kind = LtraceLine.Kind.EXITED;
            out.detail = (c.MINUS() != null ? "-" : "") + c.INT().getText();
        } else if (b instanceof LtraceParser.KilledContext c) {
            out.kind = LtraceLine.Kind.KILLED;
            out.detail = c.NAME().getText();
        } else if (b instanceof LtraceParser.SignalContext c) {
            out.kind = LtraceLine.Kind.SIGNAL;
            out.detail = c.NAME().getText();
        } else if (b instanceof LtraceParser.ExecContext) {
            out.kind = LtraceLine.Kind.EXEC;
        } else if (b instanceof LtraceParser.UnexpectedBreakpointContext c) {
            out.kind = LtraceLine.Kind.UNEXPECTED_BREAKPOINT;
            out.detail = c.HEX().getText();
        }
    }

    private static void head(CallHeadContext h, LtraceLine out) {
        out.caller = h.caller == null ? null : h.caller.getText();
        out.name = text(h.funcName());
        out.lib = h.lib == null ? null : h.lib.getText();
    }

    private static void args(ArgsContext a, LtraceLine out) {
        if (a == null) return;
        for (ArgContext arg : a.arg()) out.args.add(text(arg));
    }

    private static String duration(TerminalNode d) {
        if (d == null) return null;
        String s = d.getText();
        return s.substring(1, s.length() - 1);
    }

    private static void frame(FrameContext f, LtraceLine out) {
        out.kind = LtraceLine.Kind.FRAME;
        if (f instanceof LtraceParser.Frame073Context c) {
            out.style = LtraceLine.FRAME_073;
            out.frameInner = c.NAME().size() == 2 ? c.NAME(0).getText() : "";
            out.frameAddr = c.HEX().getText();
            out.detail = c.NAME(c.NAME().size() - 1).getText();
        } else if (f instanceof LtraceParser.FrameUnwoundContext c) {
            out.style = LtraceLine.FRAME_UNWOUND;
            out.frameModule = text(c.frameModule());
            out.frameInner = c.frameInner().isEmpty() ? "" : span(c.frameInner(0).start, c.frameInner(c.frameInner().size() - 1).stop);
            String addr = text(c.frameAddr());
            out.frameAddr = addr.substring(1, addr.length() - 1).trim();
        } else if (f instanceof LtraceParser.FrameErrorContext c) {
            out.style = LtraceLine.FRAME_ERROR;
            out.detail = c.anyToken().isEmpty() ? "" : span(c.anyToken(0).start, c.stop);
        } else if (f instanceof LtraceParser.FrameCutContext) {
            out.style = LtraceLine.FRAME_CUT;
        } else if (f instanceof LtraceParser.FrameSourceContext c) {
            out.kind = LtraceLine.Kind.FRAME_SOURCE;
            out.frameModule = text(c.frameFile());
            out.frameInner = c.INT().isEmpty() ? null : c.INT(0).getText();
            out.frameAddr = c.INT().size() < 2 ? null : c.INT(1).getText();
        }
    }

    /** The input text from the first to the last token of {@code ctx} ("" for an empty rule). */
    static String text(ParserRuleContext ctx) {
        if (ctx == null) return "";
        Token start = ctx.start;
        Token stop = ctx.stop;
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex() || start.getType() == Token.EOF) return "";
        return span(start, stop);
    }

    private static String span(Token start, Token stop) {
        return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
    }
}
