package io.heapsift.ingest.valgrindxml;

import io.heapsift.ingest.Diagnostics;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.TraceInputException;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a valgrind XML document one top-level element at a time (formats.md §3.2): preamble and
 * facts, errors, status, summaries, counts. After {@code </valgrindoutput>} it judges what follows:
 * blank lines are fine, text is skipped, markup means a second document was written into the same file.
 */
final class ValgrindXmlReader {

    private static final int OLDEST = 4;
    private static final int NEWEST = 6;

    private final String source;
    private final ParseContext ctx;
    private final Diagnostics diag;
    private final LineAccounting accounting;
    private final XmlTextReader text;
    private XmlCursor cursor;
    private RecordReader records;
    private final ValgrindXmlEventBuilder builder;
    private final Set<String> unknown = new HashSet<>();
    private boolean rootOpened;
    private boolean rootClosed;
    private boolean finished;
    private boolean doctype;
    private int pid;
    private int protocol;
    private String open;
    private long openLine;
    private long placeholders;

    ValgrindXmlReader(String source, ParseContext ctx, LineAccounting accounting, XmlTextReader text) {
        this.source = source;
        this.ctx = ctx;
        this.diag = ctx.diagnostics();
        this.accounting = accounting;
        this.text = text;
        this.builder = new ValgrindXmlEventBuilder(ctx);
    }

    /** Reads the whole document, then judges what follows it. */
    void read() throws XMLStreamException, IOException {
        cursor = XmlCursor.open(text, accounting); // the JDK parser reads the XML declaration here already
        records = new RecordReader(cursor);
        if (!cursor.root(this::doctype)) return;
        if (!cursor.name().equals("valgrindoutput")) {
            throw new TraceInputException(source, cursor.line(), cursor.column(),
                    "not a valgrind XML document: the root element is <" + cursor.name() + ">, not <valgrindoutput>");
        }
        rootOpened = true;
        accounting.checkpoint(cursor.line());
        while (cursor.nextChild()) {
            open = cursor.name();
            openLine = cursor.line();
            element(open);
            open = null;
            accounting.checkpoint(cursor.line());
        }
        rootClosed = true;
        accounting.checkpoint(cursor.line());
        if (text.stopped()) afterDocument();
        else cursor.finish();
        cursor.close();
    }

    private void element(String name) throws XMLStreamException, IOException {
        switch (name) {
            case "protocolversion" -> protocol(cursor.text());
            case "protocoltool" -> tool(cursor.text());
            case "preamble" -> preamble();
            case "pid" -> pid = Numbers.smallInt(fact("pid", cursor.text()), 0);
            case "ppid" -> fact("ppid", cursor.text());
            case "tool" -> fact("valgrind-tool", cursor.text());
            case "args" -> args(records.argv());
            case "status" -> status(cursor.leaves());
            case "error" -> builder.error(records.error());
            case "fatal_signal" -> builder.fatalSignal(records.fatalSignal(), pid);
            case "heap_summary" -> placeholder(builder.heapSummary(cursor.leaves(), cursor.line()));
            case "leak_summary" -> placeholder(builder.leakSummary(cursor.leaves(), cursor.line()));
            case "error_summary" -> errorSummary(cursor.leaves());
            case "all_heap_blocks_freed" -> fact("all-heap-blocks-freed", cursor.text());
            case "clientmsg" -> skipNoted("client messages (VALGRIND_PRINTF)");
            case "errorcounts", "suppcounts", "logfilequalifier", "usercomment" -> cursor.skip();
            case "valgrindoutput" -> throw interleaved(openLine, "a second <valgrindoutput> starts inside the first");
            default -> unknownElement(name);
        }
    }

    private void protocol(String value) throws TraceInputException {
        int v = Numbers.smallInt(fact("protocol", value), -1);
        if (v < 0) {
            diag.warn(openLine, 1, "unreadable <protocolversion> \"" + value + "\"; reading as protocol " + NEWEST);
        } else if (v < OLDEST) {
            throw new TraceInputException(source, openLine, 1, "unsupported protocol " + v + ": valgrind XML protocol "
                    + v + " (valgrind 3.0-3.4) is not supported; heapsift reads protocols 4, 5 and 6 (valgrind >= 3.5)");
        } else if (v > NEWEST) {
            diag.warn(openLine, 1, "protocol " + v + " is newer than " + NEWEST + "; reading it as protocol " + NEWEST);
        }
        protocol = v;
        ctx.variant("protocol " + value);
    }

    private void tool(String name) {
        fact("valgrind-tool", name);
        if (!name.equals("memcheck")) {
            diag.warn(openLine, 1, "valgrind tool '" + name + "', not memcheck: its errors are read, it has no leak records");
        }
    }

    private void preamble() throws XMLStreamException {
        while (cursor.nextChild()) {
            String line = cursor.text();
            if (line.startsWith("Command: ")) fact("command", line.substring("Command: ".length()));
            else if (line.startsWith("Using Valgrind-")) {
                int end = line.indexOf(' ', "Using ".length());
                fact("tool", "valgrind-" + line.substring("Using Valgrind-".length(), end < 0 ? line.length() : end));
            }
        }
    }

    /** The preamble's "Command:" line wins; filtered test files only have {@code <argv>}. */
    private void args(List<String> argv) {
        if (!argv.isEmpty() && !ctx.facts().containsKey("command")) fact("command", String.join(" ", argv));
    }

    private void status(Map<String, String> s) {
        String state = s.getOrDefault("state", "");
        if (state.equals("FINISHED")) finished = true;
        fact("status", state);
    }

    private void errorSummary(Map<String, String> s) {
        if (!s.containsKey("errors")) {
            placeholder(false);
            return;
        }
        fact("error-summary", s.get("errors") + " errors from " + s.getOrDefault("error_contexts", "?")
                + " contexts (suppressed: " + s.getOrDefault("suppressed", "?") + " from "
                + s.getOrDefault("suppressed_contexts", "?") + ")");
    }

    private void placeholder(boolean hadNumbers) {
        if (!hadNumbers) placeholders++;
    }

    private void skipNoted(String what) throws XMLStreamException {
        cursor.skip();
        diag.note(what, 1);
    }

    private void unknownElement(String name) throws XMLStreamException {
        cursor.skip();
        if (unknown.add(name)) diag.warn(openLine, 1, "unknown element <" + name + "> ignored");
        diag.note("unknown elements ignored", 1);
    }

    private void doctype() {
        doctype = true;
        diag.warn(cursor.line(), 1, "DOCTYPE ignored: valgrind never writes one; DTDs are not read and entities are not expanded");
    }

    /** Blank lines after the document are fine, text is not valgrind's, markup is a second document. */
    private void afterDocument() throws IOException {
        String line;
        while ((line = text.readRestLine()) != null) {
            String t = line.strip();
            if (t.startsWith("<")) {
                throw interleaved(text.restLine(), "output continues after </valgrindoutput> (line "
                        + text.rootEndLine() + ")");
            }
            if (!t.isEmpty()) accounting.skipLine(text.restLine(), LineAccounting.OUTSIDE, t);
        }
    }

    TraceInputException interleaved(long line, String what) {
        return new TraceInputException(source, line, 1, "two valgrind XML documents are interleaved: " + what
                + "; a forked child or a second valgrind wrote to the same file (use --xml-file=name.%p.xml"
                + " or --child-silent-after-fork=yes)");
    }

    /** Notes for the summary once the input is done. */
    void finish() {
        if (placeholders > 0) diag.note("filtered placeholders ('...') instead of numbers", placeholders);
        if (text.replaced() > 0) diag.note("characters XML forbids replaced by U+FFFD", text.replaced());
        if (protocol == 0 && rootClosed) diag.warn(1, 0, "no <protocolversion>; read as protocol " + NEWEST);
    }

    boolean rootOpened() {
        return rootOpened;
    }

    boolean rootClosed() {
        return rootClosed;
    }

    boolean finished() {
        return finished;
    }

    boolean sawDoctype() {
        return doctype;
    }

    /** The top-level element being read when the document broke off, or null. */
    String openElement() {
        return open;
    }

    long openLine() {
        return openLine;
    }

    private String fact(String key, String value) {
        ctx.fact(key, value);
        return value;
    }
}
