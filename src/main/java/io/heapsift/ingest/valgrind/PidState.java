package io.heapsift.ingest.valgrind;

import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;

import java.util.ArrayList;
import java.util.List;

/**
 * What is open for one valgrind process: messages of forked processes interleave in one log, so
 * every multi-line record is assembled per PID. Memory is bounded by one record's stack.
 */
final class PidState {

    /** The multi-line message the next lines belong to. */
    enum Block {
        NONE,
        /** A loss record; its frames are the allocation stack. */
        RECORD,
        /** An error's first stack (the one a ToolError carries). */
        ERROR,
        /** Auxiliary lines and stacks of an error (" Address ... was alloc'd", " Block was alloc'd at"). */
        AUX,
        /** A fatal-signal block ("Process terminating ...") with its stack and advice. */
        FATAL,
        /** A client message and its backtrace. */
        CLIENT,
        /** -v / gdbserver / who_points_at chatter and its one-space continuation lines. */
        CHATTER,
        /** gdbserver's "TO CONTROL THIS PROCESS USING vgdb ..." instructions, up to a blank line. */
        VGDB
    }

    final long pid;
    Block block = Block.NONE;
    final List<Frame> frames = new ArrayList<>();

    // open loss record
    LeakKind recordKind;
    long recordBytes, recordDirect, recordIndirect, recordBlocks, recordLine;
    int recordNumber, recordCount;

    // open error
    String errorWhat;
    long errorLine;
    /** After "N errors in context i of n:" (-s / -v) errors are listed a second time: not counted again. */
    boolean relisting;

    /** A free-text line that is an error's first line if a frame follows, else not understood. */
    String pendingText;
    long pendingLine;
    int pendingColumn;

    /** Inside a LEAK SUMMARY: only there are "   definitely lost: N bytes in M blocks" lines valgrind's. */
    boolean inLeakSummary;

    /** "in use at exit" waiting for its "total heap usage" line. */
    boolean heapOpen;
    long heapBytes, heapBlocks, heapLine;

    // trace-malloc
    TraceCall open;
    boolean openDelegated;
    boolean expectDuplicate;
    long duplicate;

    PidState(long pid) {
        this.pid = pid;
    }
}
