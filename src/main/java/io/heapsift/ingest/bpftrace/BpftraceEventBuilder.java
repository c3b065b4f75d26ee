package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.ProcessExit;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.bpftrace.BpftraceBaseVisitor;
import io.heapsift.grammar.bpftrace.BpftraceParser;
import io.heapsift.ingest.ParseContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns parsed lines of a heapsift bpftrace capture into events, one short method per grammar
 * alternative. Timed events go through the {@link ReorderBuffer}; allocations carry their stack id
 * until they leave it, so a stack block printed by another CPU after the allocation line still resolves.
 * Stack blocks ({@code S id}, frame lines, empty line) are assembled by {@link StackBlocks}.
 */
final class BpftraceEventBuilder extends BpftraceBaseVisitor<Void> {

    private final ParseContext ctx;
    private final ReorderBuffer buffer;
    private final StackBlocks blocks;
    private long line;
    private int tid;
    private long time;
    private int pid;
    private long lost;

    BpftraceEventBuilder(ParseContext ctx, StackBlocks blocks, ReorderBuffer buffer) {
        this.ctx = ctx;
        this.blocks = blocks;
        this.buffer = buffer;
    }

    /** Handles one parsed line ({@code record == null}: an empty line). */
    void line(long n, BpftraceParser.LineContext c) {
        line = n;
        if (c.record() == null) {
            blocks.blank();
            return;
        }
        if (!(c.record() instanceof BpftraceParser.FrameContext)) blocks.close();
        visit(c.record());
    }

    long lost() {
        return lost;
    }

    /** Handles one line {@link BpftraceFastPath} decoded (exactly as the grammar's tree of it would be). */
    void line(long n, BpftraceFastPath f) {
        line = n;
        blocks.close();
        if (f.record == 'F') {
            free(f.tid, f.time, f.ptr);
            return;
        }
        tid = f.tid;
        time = f.time;
        if (f.kind == null) realloc(false, f.old, f.size, f.ptr, f.sid);
        else if (f.kind == AllocKind.CALLOC) alloc(AllocKind.CALLOC, times(f.count, f.size), f.ptr, 0, f.sid);
        else alloc(f.kind, f.size, f.ptr, 0, f.sid);
    }

    // ---- header, process, bpftrace's own lines --------------------------------------------------

    @Override
    public Void visitHeader(BpftraceParser.HeaderContext c) {
        ctx.fact("format", "heapsift-bpftrace " + c.version.getText());
        ctx.fact("tool", "bpftrace");
        if (c.fields != null) {
            for (String field : raw(c.fields).split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) ctx.fact(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        ctx.variant("heapsift-bpftrace " + c.version.getText() + ", depth "
                + ctx.facts().getOrDefault("depth", "?"));
        if (!c.version.getText().equals("1")) {
            ctx.diagnostics().warn(line, c.version.getCharPositionInLine() + 1, "output format version "
                    + c.version.getText() + " is newer than 1; reading it as version 1");
        }
        return null;
    }

    @Override
    public Void visitComment(BpftraceParser.CommentContext c) {
        return null; // "# hold ..." and other comments of the script
    }

    @Override
    public Void visitAttach(BpftraceParser.AttachContext c) {
        pid = int32(c.pid);
        ctx.fact("pid", c.pid.getText());
        return null;
    }

    @Override
    public Void visitExec(BpftraceParser.ExecContext c) {
        pid = int32(c.pid);
        ctx.fact("pid", c.pid.getText());
        if (c.comm != null) ctx.fact("command", c.comm.getText());
        return null;
    }

    @Override
    public Void visitAttaching(BpftraceParser.AttachingContext c) {
        ctx.fact("probes", c.n.getText());
        return null;
    }

    /** The perf buffer overflowed: events are missing, so the trace is incomplete. */
    @Override
    public Void visitLost(BpftraceParser.LostContext c) {
        long n = u64(c.n);
        lost += n;
        ctx.diagnostics().note("lost events (the trace is incomplete)", n);
        ctx.diagnostics().warn(line, 1, "bpftrace lost " + n + " events: the trace is incomplete"
                + " (raise BPFTRACE_PERF_RB_PAGES)");
        return null;
    }

    @Override
    public Void visitEnd(BpftraceParser.EndContext c) {
        ctx.fact("end-ns", c.t.getText());
        return null;
    }

    // ---- stacks ----------------------------------------------------------------------------------

    @Override
    public Void visitStackHead(BpftraceParser.StackHeadContext c) {
        if (c.count != null) {
            blocks.declare(u64(c.sid), (int) Math.min(StackBlocks.MAX_FRAMES, u64(c.count)));
        } else {
            blocks.open(u64(c.sid), line);
        }
        return null;
    }

    @Override
    public Void visitStackFrame(BpftraceParser.StackFrameContext c) {
        String symbol = c.symbol == null ? "" : raw(c.symbol).strip();
        long idx = u64(c.idx);
        if (idx >= StackBlocks.MAX_FRAMES) {
            ctx.diagnostics().skip(line, 1, "unrecognized line", "stack frame index " + c.idx.getText() + " out of range");
            return null;
        }
        blocks.frameOf(u64(c.sid), (int) idx, c.ip.getText().substring(2), symbol);
        return null;
    }

    @Override
    public Void visitFrame(BpftraceParser.FrameContext c) {
        String symbol = c.symbol == null ? "" : raw(c.symbol).strip();
        blocks.frame(line, c.FRAME_IP().getText().substring(1), symbol);
        return null;
    }

    // ---- timed records ---------------------------------------------------------------------------

    @Override
    public Void visitAlloc(BpftraceParser.AllocContext c) {
        tid = int32(c.tid);
        time = u64(c.t1); // the call took effect when it returned; t0 (entry) only bounds it
        return visit(c.allocation());
    }

    @Override
    public Void visitFree(BpftraceParser.FreeContext c) {
        long t = u64(c.t); // numbers checked in line order: the first bad one is the one reported
        free(int32(c.tid), t, hex(c.ptr));
        return null;
    }

    @Override
    public Void visitControlCall(BpftraceParser.ControlCallContext c) {
        tid = int32(c.tid);
        time = u64(c.t1);
        return visit(c.control());
    }

    @Override
    public Void visitThreadExit(BpftraceParser.ThreadExitContext c) {
        long t = u64(c.t);
        buffer.add(t, new ThreadExit(line, t, int32(c.tid)), 0);
        return null;
    }

    @Override
    public Void visitExitGroup(BpftraceParser.ExitGroupContext c) {
        long t = u64(c.t);
        buffer.add(t, new ProcessExit(line, t, pid != 0 ? pid : int32(c.tid), (int) snum(c.code), null), 0);
        return null;
    }

    // ---- allocation calls ------------------------------------------------------------------------

    @Override
    public Void visitMallocCall(BpftraceParser.MallocCallContext c) {
        return alloc(AllocKind.MALLOC, u64(c.size), hex(c.ret), 0, c.sid);
    }

    @Override
    public Void visitCallocCall(BpftraceParser.CallocCallContext c) {
        return alloc(AllocKind.CALLOC, times(u64(c.n), u64(c.size)), hex(c.ret), 0, c.sid);
    }

    @Override
    public Void visitMemalignCall(BpftraceParser.MemalignCallContext c) {
        AllocKind kind = c.name.getType() == BpftraceParser.ALIGNED_ALLOC ? AllocKind.ALIGNED_ALLOC : AllocKind.MEMALIGN;
        return alloc(kind, u64(c.size), hex(c.ret), u64(c.align), c.sid);
    }

    /** The block pointer is what the script read through the out-parameter (0x0 when rc != 0). */
    @Override
    public Void visitPosixMemalignCall(BpftraceParser.PosixMemalignCallContext c) {
        long address = snum(c.rc) == 0 ? hex(c.ret) : 0;
        return alloc(AllocKind.POSIX_MEMALIGN, u64(c.size), address, u64(c.align), c.sid);
    }

    @Override
    public Void visitVallocCall(BpftraceParser.VallocCallContext c) {
        AllocKind kind = c.name.getType() == BpftraceParser.PVALLOC ? AllocKind.PVALLOC : AllocKind.VALLOC;
        return alloc(kind, u64(c.size), hex(c.ret), 0, c.sid);
    }

    @Override
    public Void visitReallocCall(BpftraceParser.ReallocCallContext c) {
        realloc(false, hex(c.old), u64(c.size), hex(c.ret), u64(c.sid));
        return null;
    }

    @Override
    public Void visitReallocarrayCall(BpftraceParser.ReallocarrayCallContext c) {
        long size = times(u64(c.n), u64(c.size));
        realloc(true, hex(c.old), size, hex(c.ret), u64(c.sid));
        return null;
    }

    private Void alloc(AllocKind kind, long size, long address, long alignment, Token sid) {
        alloc(kind, size, address, alignment, u64(sid));
        return null;
    }

    // ---- the events, for the grammar's visitors and the fast path alike (time and tid of the current record)

    private void alloc(AllocKind kind, long size, long address, long alignment, long sid) {
        buffer.add(time, new Alloc(line, time, tid, kind, size, address, alignment, Stack.EMPTY), sid);
    }

    private void realloc(boolean array, long old, long size, long address, long sid) {
        buffer.add(time, new Realloc(line, time, tid, array, old, size, address, Stack.EMPTY), sid);
    }

    private void free(int freeTid, long t, long address) {
        buffer.add(t, new Free(line, t, freeTid, FreeKind.FREE, address, TraceEvent.NO_SIZE, Stack.EMPTY), 0);
    }

    // ---- allocator control calls -----------------------------------------------------------------

    @Override
    public Void visitMallocTrim(BpftraceParser.MallocTrimContext c) {
        return control(AllocatorCall.Kind.MALLOC_TRIM, u64(c.pad), 0, snum(c.rc), List.of());
    }

    @Override
    public Void visitMallopt(BpftraceParser.MalloptContext c) {
        return control(AllocatorCall.Kind.MALLOPT, snum(c.param), snum(c.value), snum(c.rc), List.of());
    }

    /** mallinfo2's ten fields; {@code result} is uordblks (bytes in use), the number a checkpoint compares. */
    @Override
    public Void visitMallinfo(BpftraceParser.MallinfoContext c) {
        List<Long> info = new ArrayList<>(10);
        for (TerminalNode n : c.NUM()) info.add(u64(n.getSymbol()));
        return control(AllocatorCall.Kind.MALLINFO, 0, 0, info.get(7), info);
    }

    private Void control(AllocatorCall.Kind kind, long arg0, long arg1, long result, List<Long> info) {
        buffer.add(time, new AllocatorCall(line, time, tid, kind, arg0, arg1, result, info), 0);
        return null;
    }

    // ---- numbers ---------------------------------------------------------------------------------

    /** A number of the line that does not fit its field; the line is skipped at the number's column. */
    static final class BadNumber extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;

        BadNumber(Token t, String what) {
            super(t.getText() + " " + what, null, false, false);
            this.column = t.getCharPositionInLine() + 1;
        }
    }

    /** Unsigned 64-bit decimal. */
    static long u64(Token t) {
        try {
            return Long.parseUnsignedLong(t.getText());
        } catch (NumberFormatException e) {
            throw new BadNumber(t, "does not fit 64 bits");
        }
    }

    static long hex(Token t) {
        try {
            return Long.parseUnsignedLong(t.getText().substring(2), 16);
        } catch (NumberFormatException e) {
            throw new BadNumber(t, "does not fit 64 bits");
        }
    }

    private static int int32(Token t) {
        long v = u64(t);
        if (v < 0 || v > Integer.MAX_VALUE) throw new BadNumber(t, "is not a thread or process id");
        return (int) v;
    }

    private static long snum(BpftraceParser.SnumContext s) {
        long v = u64(s.NUM().getSymbol());
        return s.MINUS() != null ? -v : v;
    }

    /** nmemb × size, or {@link TraceEvent#NO_SIZE} when it does not fit 64 bits (glibc fails the call). */
    private static long times(long n, long size) {
        if (n != 0 && Long.compareUnsigned(size, Long.divideUnsigned(-1L, n)) > 0) return TraceEvent.NO_SIZE;
        return n * size;
    }

    /** The raw characters of a free-text rule (symbols keep their spaces). */
    private static String raw(BpftraceParser.TextContext t) {
        return t.start.getInputStream().getText(
                org.antlr.v4.runtime.misc.Interval.of(t.start.getStartIndex(), t.stop.getStopIndex()));
    }
}
