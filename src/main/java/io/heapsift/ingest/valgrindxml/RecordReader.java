package io.heapsift.ingest.valgrindxml;

import io.heapsift.event.Frame;
import io.heapsift.event.TraceEvent;

import javax.xml.stream.XMLStreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one multi-element record of the document ({@code <error>}, {@code <fatal_signal>},
 * {@code <args>}) from its start tag to its end tag into a small value; nothing outlives the record
 * except interned frames.
 */
final class RecordReader {

    /** Frames kept per stack (valgrind's {@code --num-callers} maximum is 500, plus inlined frames). */
    static final int MAX_FRAMES = 2048;

    /**
     * One {@code <error>}.
     *
     * @param what         {@code <what>} or {@code <xwhat><text>}, stripped
     * @param leakedBytes  {@code <xwhat><leakedbytes>}, or {@link Numbers#NONE}
     * @param leakedBlocks {@code <xwhat><leakedblocks>}, or {@link Numbers#NONE}
     * @param stack        the first {@code <stack>} (the error's own; later ones belong to auxwhats)
     */
    record ErrorRecord(long line, String kind, String what, long leakedBytes, long leakedBlocks, int tid,
                       List<Frame> stack) {
    }

    /** One {@code <fatal_signal>}. */
    record FatalSignal(long line, int signo, String signame, String event, List<Frame> stack) {
    }

    private final XmlCursor c;

    RecordReader(XmlCursor cursor) {
        this.c = cursor;
    }

    ErrorRecord error() throws XMLStreamException {
        String kind = null;
        String what = null;
        String tid = null;
        long leakedBytes = Numbers.NONE;
        long leakedBlocks = Numbers.NONE;
        List<Frame> stack = null;
        while (c.nextChild()) {
            switch (c.name()) {
                case "kind" -> kind = c.text();
                case "tid" -> tid = c.text();
                case "what" -> what = first(what, c.text());
                case "xwhat" -> {
                    Map<String, String> x = c.leaves();
                    if (what == null) {
                        what = x.getOrDefault("text", "");
                        leakedBytes = Numbers.count(x.get("leakedbytes"));
                        leakedBlocks = Numbers.count(x.get("leakedblocks"));
                    }
                }
                case "stack" -> {
                    if (stack == null) stack = stack();
                    else c.skip(); // an auxwhat's stack ("Block was alloc'd at")
                }
                default -> c.skip(); // unique, threadname, auxwhat, xauxwhat, origin, suppression
            }
        }
        return new ErrorRecord(c.line(), kind == null ? "" : kind, what == null ? "" : what, leakedBytes,
                leakedBlocks, Numbers.smallInt(tid, TraceEvent.NO_TID), stack == null ? List.of() : stack);
    }

    FatalSignal fatalSignal() throws XMLStreamException {
        int signo = -1;
        String signame = null;
        String event = null;
        List<Frame> stack = List.of();
        while (c.nextChild()) {
            switch (c.name()) {
                case "signo" -> signo = Numbers.smallInt(c.text(), -1);
                case "signame" -> signame = c.text();
                case "event" -> event = c.text();
                case "stack" -> stack = stack();
                default -> c.skip(); // tid, threadname, sicode, siaddr
            }
        }
        return new FatalSignal(c.line(), signo, signame, event, stack);
    }

    /** The traced program's command line from {@code <args><argv>}: exe then args. */
    List<String> argv() throws XMLStreamException {
        List<String> argv = new ArrayList<>();
        while (c.nextChild()) {
            if (!c.name().equals("argv")) {
                c.skip(); // vargv: valgrind's own options
                continue;
            }
            while (c.nextChild()) {
                String t = c.text();
                if (argv.size() < 256) argv.add(t);
            }
        }
        return argv;
    }

    private List<Frame> stack() throws XMLStreamException {
        List<Frame> frames = new ArrayList<>();
        while (c.nextChild()) {
            if (c.name().equals("frame") && frames.size() < MAX_FRAMES) frames.add(frame(c.leaves()));
            else c.skip();
        }
        return frames;
    }

    /** A frame as printed: fn, obj, dir/file, line, ip. Regression-test placeholders ({@code ...}) are absent. */
    private static Frame frame(Map<String, String> f) {
        String dir = present(f.get("dir"));
        String file = present(f.get("file"));
        String path = file != null && dir != null ? dir + "/" + file : file;
        return new Frame(present(f.get("fn")), -1, present(f.get("obj")), path,
                Numbers.smallInt(f.get("line"), 0), Numbers.hex(f.get("ip")));
    }

    private static String present(String s) {
        return s == null || s.isEmpty() || s.equals("...") ? null : s;
    }

    private static String first(String current, String next) {
        return current != null ? current : next;
    }
}
