package io.heapsift.ingest.valgrindxml;

import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceFormat;
import io.heapsift.ingest.TraceInput;
import io.heapsift.ingest.TraceInputException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.InputStream;

/**
 * valgrind memcheck {@code --xml=yes} output, protocols 4, 5 and 6 (formats.md §3).
 *
 * <p>Line accounting: {@code lines} is the number of physical lines of the file; a well-formed
 * document skips nothing but stray text (the program's own stderr, text outside the document). A
 * document that breaks off (valgrind killed: no {@code </valgrindoutput>}) keeps every complete record
 * and skips its unfinished tail with one positioned message. Malformed XML is a positioned
 * {@link TraceInputException}, unless records were already read (then it is skipped like a truncated
 * tail). Two documents written into one file are always an error: their records would mix two processes.
 */
public final class ValgrindXmlFormat implements TraceFormat {

    /** The format id. */
    public static final String ID = "valgrind-memcheck-xml";

    static final String TRUNCATED = "truncated XML document";
    static final String MALFORMED = "malformed XML";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "valgrind memcheck --xml=yes output (protocols 4-6): loss records, errors, summaries";
    }

    /** {@code <valgrindoutput>} in the head decides; an XML declaration before it makes it certain. */
    @Override
    public int probe(Sample sample) {
        boolean declaration = false;
        for (String line : sample.lines()) {
            String t = line.strip();
            if (t.startsWith("<?xml")) declaration = true;
            if (t.startsWith("<valgrindoutput>")) return declaration ? 100 : 90;
        }
        return 0;
    }

    @Override
    public void parse(TraceInput input, ParseContext ctx) throws IOException {
        Diagnostics diag = ctx.diagnostics();
        LineAccounting accounting = new LineAccounting(diag);
        try (InputStream in = input.openStream(diag);
             XmlTextReader text = new XmlTextReader(in, (n, t) -> accounting.skipLine(n, LineAccounting.OUTSIDE, t))) {
            ValgrindXmlReader doc = new ValgrindXmlReader(input.name(), ctx, accounting, text);
            Location at = null;
            String failure = null;
            try {
                doc.read();
            } catch (XMLStreamException e) {
                at = e.getLocation();
                failure = message(e);
            } catch (RuntimeException e) {
                // the JDK parser's own failures on hostile input must not escape as stack traces
                failure = "XML parser failure: " + e;
            }
            text.drain();
            long total = text.lines();
            diag.setLines(diag.lines() + total);
            if (failure != null) broken(input.name(), ctx, accounting, text, doc, total, at, failure);
            else if (!doc.rootOpened()) accounting.skipTail(total, 1, 1, TRUNCATED, "no <valgrindoutput> element");
            doc.finish();
        }
    }

    /** Sorts a parser failure into interleaved documents (fatal), a truncated tail, or malformed XML. */
    private static void broken(String source, ParseContext ctx, LineAccounting accounting, XmlTextReader text,
                               ValgrindXmlReader doc, long total, Location at, String message)
            throws TraceInputException {
        long line = at != null && at.getLineNumber() > 0 ? text.lineOffset() + at.getLineNumber() : accounting.accounted() + 1;
        int column = at != null ? Math.max(1, at.getColumnNumber()) : 1;
        long second = text.secondDeclarationLine();
        if (second > 0 && line >= second) throw doc.interleaved(second, "a second <?xml declaration starts here");
        if (doc.rootClosed()) throw doc.interleaved(line, "output continues after </valgrindoutput>");
        if (line >= total) {
            long first = Math.min(accounting.accounted() + 1, Math.max(total, 1));
            accounting.skipTail(total, first, 1, TRUNCATED, truncation(doc, ctx));
        } else if (ctx.events() > 0) {
            accounting.skipTail(total, line, column, MALFORMED, message + "; the rest of the document cannot be read, the "
                    + ctx.events() + " events before it are kept");
        } else {
            throw new TraceInputException(source, line, column, MALFORMED + ": " + message + (doc.sawDoctype()
                    ? " (the DOCTYPE was ignored: DTDs are not read and entities are not expanded)" : ""));
        }
    }

    private static String truncation(ValgrindXmlReader doc, ParseContext ctx) {
        String where = !doc.rootOpened() ? "the input ends before <valgrindoutput>"
                : doc.openElement() != null ? "the document ends inside <" + doc.openElement() + "> (line " + doc.openLine()
                + ") without </valgrindoutput>" : "the document ends without </valgrindoutput>";
        return where + (doc.rootOpened() && !doc.finished() ? ", before valgrind's FINISHED status (killed, or still running?)" : "")
                + "; the " + ctx.events() + " events before it are kept";
    }

    /** The JDK's message without its "ParseError at [row,col]" prefix (the position is reported separately) and final period. */
    private static String message(XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Message: ");
        String text = (i >= 0 ? m.substring(i + "Message: ".length()) : m).strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
