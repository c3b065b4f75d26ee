package io.heapsift.ingest.ltrace;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;
import io.heapsift.ingest.ParseContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator call whose completion line was just read: its event waits for the {@code -w} frame
 * lines that may follow, and is emitted at the next line that is not a frame. Also makes the stacks
 * of calls without frames ({@code -i}: one frame at the return address).
 */
final class PendingEvent {

    private final ParseContext ctx;
    private final LtraceFrames frames = new LtraceFrames();
    private final Map<String, Stack> ipStacks = new HashMap<>();
    private boolean set;
    private AllocCall call;
    private String ret, ip, caller;
    private long inner, line, time;
    private int tid;

    PendingEvent(ParseContext ctx) {
        this.ctx = ctx;
    }

    boolean isSet() {
        return set;
    }

    void set(AllocCall c, String ret, long inner, long line, long time, int tid, String ip, String caller) {
        this.set = true;
        this.call = c;
        this.ret = ret;
        this.inner = inner;
        this.line = line;
        this.time = time;
        this.tid = tid;
        this.ip = ip;
        this.caller = caller;
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
        Stack stack = frames.frames().isEmpty() ? stack(ip, caller) : ctx.stacks().intern(frames.frames());
        ctx.emit(LtraceEvents.of(call, ret, inner, line, time, tid, stack));
    }

    /**
     * The stack of a call without -w frames: with {@code -i}, one frame holding the return address
     * (function unknown, module = the object whose PLT was called, when ltrace printed it).
     */
    Stack stack(String ipText, String callerName) {
        if (ipText == null || ipText.equals("(nil)")) return Stack.EMPTY;
        String key = callerName == null ? ipText : ipText + ' ' + callerName;
        Stack s = ipStacks.get(key);
        if (s == null) {
            Frame f = new Frame(Frame.UNKNOWN_FUNCTION, -1, callerName, null, 0, LtraceFrames.hex(ipText));
            s = ctx.stacks().intern(List.of(f));
            ipStacks.put(key, s);
        }
        return s;
    }
}
