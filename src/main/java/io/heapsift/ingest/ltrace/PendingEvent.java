package io.heapsift.ingest.ltrace;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;
import io.heapsift.ingest.ParseContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator call whose completion line was just read: its event waits for the {@code -w} frame
 * lines that may follow, and is emitted at the next line that is not a frame. Also makes the stacks
 * of calls without frames: with {@code -i} one frame at the return address, then one frame per traced
 * call open around the allocator call (function name only).
 */
final class PendingEvent {

    private final ParseContext ctx;
    private final LtraceFrames frames = new LtraceFrames();
    private final Map<String, Stack> ipStacks = new HashMap<>();
    private boolean set;
    private AllocCall call;
    private String ret, ip, caller;
    private List<String> context;
    private long inner, line, time;
    private int tid;

    PendingEvent(ParseContext ctx) {
        this.ctx = ctx;
    }

    boolean isSet() {
        return set;
    }

    void set(AllocCall c, String ret, long inner, long line, long time, int tid, String ip, String caller,
             List<String> context) {
        this.set = true;
        this.call = c;
        this.ret = ret;
        this.inner = inner;
        this.line = line;
        this.time = time;
        this.tid = tid;
        this.ip = ip;
        this.caller = caller;
        this.context = context;
        frames.clear();
    }

    /** Adds a frame line to the pending event; false for the frame-less forms (error, cut, orphan source line). */
    boolean frame(LtraceLine l) {
        return l.kind == LtraceLine.Kind.FRAME_SOURCE ? frames.source(l) : frames.add(l);
    }

    /** Emits the pending event, if any. */
    void flush() {
        if (!set) return;
        set = false;
        Stack stack = frames.frames().isEmpty() ? stack(ip, caller, context) : ctx.stacks().intern(frames.frames());
        ctx.emit(LtraceEvents.of(call, ret, inner, line, time, tid, stack));
    }

    /**
     * The stack of a call without -w frames: with {@code -i}, one frame holding the return address
     * (function unknown, module = the object whose PLT was called, when ltrace printed it); then a
     * frame for each traced call open around it ({@code context}, innermost first).
     */
    Stack stack(String ipText, String callerName, List<String> context) {
        boolean ip = ipText != null && !ipText.equals("(nil)");
        if (!ip && context.isEmpty()) return Stack.EMPTY;
        String key = (ip ? (callerName == null ? ipText : ipText + ' ' + callerName) : "") + '\n' + String.join("\n", context);
        Stack s = ipStacks.get(key);
        if (s == null) {
            List<Frame> fs = new ArrayList<>(context.size() + 1);
            if (ip) fs.add(new Frame(Frame.UNKNOWN_FUNCTION, -1, callerName, null, 0, LtraceFrames.hex(ipText)));
            for (String fn : context) fs.add(new Frame(fn, -1, null, null, 0, 0));
            s = ctx.stacks().intern(fs);
            ipStacks.put(key, s);
        }
        return s;
    }
}
