package io.heapsift.report;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.HeapSummary;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.RssSample;
import io.heapsift.event.SnapshotAddress;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEnd;
import io.heapsift.event.SnapshotEntry;
import io.heapsift.event.Stack;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.ToolError;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;

import java.io.PrintWriter;
import java.util.BitSet;

/**
 * Prints the normalized event stream, one event a line ({@code heapsift events}). A stack is printed
 * in full the first time it is referenced ({@code stack #3 = f <- g <- main}) and by id afterwards.
 */
public final class EventPrinter implements EventSink {

    private final PrintWriter out;
    private final BitSet printed = new BitSet();

    public EventPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent e) {
        out.println(format(e));
    }

    @Override
    public void end() {
        out.flush();
    }

    /** One line for one event (public for tests). */
    public String format(TraceEvent e) {
        return e.line() + "\t" + body(e);
    }

    private String body(TraceEvent e) {
        if (e instanceof Alloc a) {
            return "alloc " + a.kind().name().toLowerCase() + common(a.timeNs(), a.tid()) + " size=" + Long.toUnsignedString(a.size())
                    + " addr=" + addr(a.address()) + (a.alignment() > 0 ? " align=" + a.alignment() : "") + stack(a.stack());
        }
        if (e instanceof Free f) {
            return "free " + f.kind().name().toLowerCase() + common(f.timeNs(), f.tid()) + " addr=" + addr(f.address())
                    + (f.size() != TraceEvent.NO_SIZE ? " size=" + Long.toUnsignedString(f.size()) : "") + stack(f.stack());
        }
        if (e instanceof Realloc r) {
            return (r.array() ? "reallocarray" : "realloc") + common(r.timeNs(), r.tid()) + " old=" + addr(r.oldAddress())
                    + " size=" + Long.toUnsignedString(r.size()) + " new=" + addr(r.newAddress()) + stack(r.stack());
        }
        if (e instanceof SnapshotBegin b) {
            return "snapshot-begin #" + b.index() + time(b.timeNs()) + " top=" + b.requestedTop() + (b.combined() ? " combined" : "");
        }
        if (e instanceof SnapshotEntry s) {
            return "snapshot-entry bytes=" + s.bytes() + " blocks=" + s.blocks() + (s.stackLost() ? " stack-lost" : "") + stack(s.stack());
        }
        if (e instanceof SnapshotAddress s) return "snapshot-address addr=" + addr(s.address()) + " size=" + s.size() + stack(s.stack());
        if (e instanceof SnapshotEnd s) return "snapshot-end #" + s.index();
        if (e instanceof LeakRecord r) {
            return "leak " + r.kind().jsonName() + " bytes=" + r.bytes() + " direct=" + r.directBytes() + " indirect="
                    + r.indirectBytes() + " blocks=" + r.blocks() + " record=" + r.recordNumber() + "/" + r.recordCount() + stack(r.stack());
        }
        if (e instanceof LeakSummary s) return "leak-summary " + s.kind().jsonName() + " bytes=" + s.bytes() + " blocks=" + s.blocks();
        if (e instanceof HeapSummary h) {
            return "heap-summary in-use=" + h.inUseBytes() + "/" + h.inUseBlocks() + " allocs=" + h.allocs() + " frees=" + h.frees()
                    + " allocated=" + h.bytesAllocated();
        }
        if (e instanceof ToolError t) return "tool-error " + t.kind() + " \"" + t.what() + "\"" + stack(t.stack());
        if (e instanceof ThreadExit t) return "thread-exit" + common(t.timeNs(), t.tid());
        if (e instanceof ProcessExit p) {
            return "process-exit" + time(p.timeNs()) + " pid=" + p.pid() + " status=" + p.status()
                    + (p.signal() != null ? " signal=" + p.signal() : "");
        }
        if (e instanceof AllocatorCall c) {
            return c.kind().name().toLowerCase() + common(c.timeNs(), c.tid()) + " args=" + c.arg0() + "," + c.arg1() + " result=" + c.result()
                    + (c.info().isEmpty() ? "" : " info=" + c.info());
        }
        RssSample r = (RssSample) e;
        return "rss" + time(r.timeNs()) + " bytes=" + r.rssBytes();
    }

    private static String common(long t, int tid) {
        return time(t) + (tid != TraceEvent.NO_TID ? " tid=" + tid : "");
    }

    private static String time(long t) {
        return t == TraceEvent.NO_TIME ? "" : " t=" + t;
    }

    private static String addr(long a) {
        if (a == TraceEvent.NO_ADDRESS) return "?";
        return "0x" + Long.toHexString(a);
    }

    private String stack(Stack s) {
        if (s.isEmpty()) return "";
        if (printed.get(s.id())) return " stack=#" + s.id();
        printed.set(s.id());
        return " stack=#" + s.id() + " = " + s;
    }
}
