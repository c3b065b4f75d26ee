package io.heapsift.ingest.ltrace;

import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.LineReader;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceFormat;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * ltrace output ({@code ltrace -e malloc+free+... ./prog}, any of {@code -f -o -t -tt -ttt -r -T -i
 * -n -C -x -L -w -c}), versions 0.7.3 (Debian) to the post-0.7.3 git tree. Every line is either a
 * line of {@code Ltrace.g4}, one of ltrace's own stderr messages, or skipped: as "program output"
 * (the traced program writing to the same stream) or, if it looks like a damaged ltrace line, as
 * "unrecognized line" ("truncated record" for the last line of the file).
 */
public final class LtraceFormat implements TraceFormat {

    /** The format id. */
    public static final String ID = "ltrace";

    private static final String PREFIX = "(?:\\[pid \\d+\\] |\\d+ )?(?: *\\d+\\.\\d{6} )?"
            + "(?:\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{6})? |\\d+\\.\\d{6} )?(?:\\[(?:0x[0-9a-f]+|\\(nil\\))\\] )? *";
    private static final String RET = "(?:0x[0-9a-f]+|-?\\d+|<void>|nil|NULL|\".*\"(?:\\.\\.\\.)?|'.*'|[A-Za-z_]\\w*|)"
            + "(?: <\\d+\\.\\d{6}>)?";
    private static final Pattern DONE = Pattern.compile("^" + PREFIX + "(?:[\\w.+-]+->)?[\\w$].*\\) +=(?: " + RET + ")?$");
    private static final Pattern STRONG = Pattern.compile("^" + PREFIX + "(?:[\\w$].*\\(.* <(?:unfinished|no return) \\.\\.\\.>"
            + "|<\\.\\.\\. .+ resumed> .*\\) +=(?: " + RET + ")?"
            + "|\\+\\+\\+ (?:exited \\(status -?\\d+\\)|killed by \\S+) \\+\\+\\+"
            + "|--- (?:SIG\\w+ \\(.*\\)|Called exec\\(\\)) ---"
            + "|unexpected breakpoint at 0x[0-9a-f]+)$"
            + "|^% time +seconds +usecs/call +calls +function$");
    private static final Pattern SUMMARY = Pattern.compile("^(?:-+(?: -+){4}| *\\d+\\.\\d\\d +\\d+\\.\\d{6} +(?:\\d+ +)?\\d+ \\S.*)$");
    /** A rejected line that still looks like ltrace wrote it (rather than the traced program). */
    private static final Pattern LTRACE_LIKE = Pattern.compile("^(?:\\[pid \\d+\\] |\\d+ \\S.*\\(|\\d\\d:\\d\\d:\\d\\d|\\d+\\.\\d{6} )"
            + "|<unfinished \\.\\.\\.>|<no return \\.\\.\\.>|^<\\.\\.\\. |^\\+\\+\\+ |^--- |^[\\w$.+-]+->[\\w$]|^[\\w$]+@[\\w.+-]+\\(|\\) +=");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "ltrace output (-e/-x malloc+free+..., with any of -f -o -t/-tt/-ttt/-r -T -i -n -C -w; 0.7.3 and later)";
    }

    @Override
    public int probe(Sample sample) {
        long nonBlank = 0, ltrace = 0, strong = 0;
        for (String l : sample.lines()) {
            if (l.isBlank()) continue;
            nonBlank++;
            if (STRONG.matcher(l).find()) {
                strong++;
                ltrace++;
            } else if (DONE.matcher(l).matches() && padded(l) || SUMMARY.matcher(l).matches()) {
                ltrace++;
            }
        }
        if (ltrace == 0) return 0;
        if (ltrace * 2 >= nonBlank) return strong > 0 ? 95 : 85;
        if (ltrace * 10 >= nonBlank) return strong > 0 ? 70 : 50;
        return strong > 0 ? 30 : 0;
    }

    /** ltrace pads the "= " of a completed call to column 49 (-a 50); valgrind's call lines do not. */
    private static boolean padded(String l) {
        int eq = l.lastIndexOf(") ");
        int at = l.indexOf("= ", eq);
        if (eq < 0) return false;
        if (at < 0) at = l.length() - 1;
        return at >= 40 || at - eq > 2;
    }

    @Override
    public void parse(TraceInput input, ParseContext ctx) throws IOException {
        Diagnostics diag = ctx.diagnostics();
        LtraceEventBuilder builder = new LtraceEventBuilder(ctx);
        LtraceLineDecoder decoder = new LtraceLineDecoder(!Boolean.getBoolean("heapsift.ltrace.noFastPath"));
        Rejected rejected = new Rejected();
        try (LineReader r = input.lines(diag)) {
            String text;
            while ((text = r.next()) != null) {
                long n = r.lineNumber();
                rejected.flush(diag, false);
                LtraceLine l = decoder.decode(text);
                if (l != null) {
                    builder.line(n, l);
                } else if (LtraceMessages.matches(text)) {
                    builder.ltraceMessage(n);
                } else if (LTRACE_LIKE.matcher(text).find()) {
                    builder.interrupt();
                    rejected.hold(n, decoder.errorColumn(), decoder.errorMessage());
                } else {
                    builder.interrupt();
                    diag.skip(n, 1, "program output", null);
                }
            }
        }
        rejected.flush(diag, true);
        builder.finish();
    }

    /** A damaged ltrace line, held until we know whether it was the last line of the input. */
    private static final class Rejected {
        private long line;
        private int column;
        private String message;

        void hold(long n, int col, String msg) {
            line = n;
            column = col;
            message = msg;
        }

        void flush(Diagnostics diag, boolean atEnd) {
            if (line == 0) return;
            diag.skip(line, column, atEnd ? "truncated record" : "unrecognized line", message);
            line = 0;
        }
    }
}
