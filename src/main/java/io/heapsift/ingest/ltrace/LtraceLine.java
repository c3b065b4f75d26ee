package io.heapsift.ingest.ltrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of ltrace output as the grammar sees it: what kind of line, and the texts of its parts
 * (nothing interpreted yet). Filled either from the ANTLR parse tree ({@link LtraceTreeDecoder}) or
 * by the hand-written scanner ({@link LtraceFastPath}); both must produce equal objects for the
 * lines the scanner accepts. One instance is reused per source, so it is mutable.
 */
final class LtraceLine {

    /** The line shapes of the grammar. */
    enum Kind {
        CALL_DONE, CALL_UNFINISHED, CALL_NO_RETURN, RESUMED, EXITED, KILLED, SIGNAL, EXEC,
        UNEXPECTED_BREAKPOINT, SUMMARY, REPORT, FRAME, FRAME_SOURCE, BLANK
    }

    Kind kind;
    // prefix
    String pid;
    /** True for the "[pid N] " form (stderr), false for "N " (-o FILE). */
    boolean pidBracketed;
    /** First time token (CLOCK or FLOAT text), or null. */
    String time1;
    /** Second time token (after a -r delta), or null. */
    String time2;
    String ip;
    // calls
    String caller;
    String name;
    String lib;
    final List<String> args = new ArrayList<>(4);
    /** Return value text, "" when ltrace printed nothing after "= ". */
    String ret;
    /** -T duration "0.000123" without the angle brackets, or null. */
    String duration;
    // events, frames
    /** Exit status (EXITED), signal name (KILLED, SIGNAL), address (UNEXPECTED_BREAKPOINT). */
    String detail;
    /** Frame parts (FRAME: module, inner "sym+0xoff", address; FRAME_SOURCE: file, line, column). */
    String frameModule;
    String frameInner;
    String frameAddr;
    int style;

    /** Frame styles. */
    static final int FRAME_073 = 1, FRAME_UNWOUND = 2, FRAME_ERROR = 3, FRAME_CUT = 4;

    void reset() {
        kind = null;
        pid = time1 = time2 = ip = null;
        pidBracketed = false;
        caller = name = lib = ret = duration = detail = null;
        frameModule = frameInner = frameAddr = null;
        style = 0;
        args.clear();
    }

    boolean isCall() {
        return kind == Kind.CALL_DONE || kind == Kind.CALL_UNFINISHED || kind == Kind.CALL_NO_RETURN;
    }

    /** A field-by-field description, used by the agreement tests. */
    @Override
    public String toString() {
        return kind + "|pid=" + pid + (pidBracketed ? "[]" : "") + "|t=" + time1 + "," + time2 + "|ip=" + ip + "|caller=" + caller + "|name=" + name
                + "|lib=" + lib + "|args=" + args + "|ret=" + ret + "|dur=" + duration + "|detail=" + detail
                + "|frame=" + style + "," + frameModule + "," + frameInner + "," + frameAddr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LtraceLine l && toString().equals(l.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }
}
