package io.heapsift.ingest.bpftrace;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;
import io.heapsift.ingest.Diagnostics;
import io.heapsift.event.Stacks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The script prints each distinct user stack once, as a block: {@code S <id>}, one {@code ustack(perf)}
 * frame per line (innermost first), then an empty line; allocation records refer to it by id. This
 * assembles the blocks and resolves ids. Memory grows with the number of distinct stacks only.
 */
final class StackBlocks {

    /** Frames kept per block (the script prints at most 32). */
    static final int MAX_FRAMES = 1024;

    private final Stacks stacks;
    private final Diagnostics diag;
    private final Map<Long, Stack> byId = new HashMap<>();
    /** The last stack {@link #resolve} found (stack ids are never re-bound once resolved). */
    private long lastId;
    private Stack lastStack;
    /** Version 2: frames arrive one line each ({@code s SID I ADDR SYMBOL}), grouped by SID, in any order. */
    private final Map<Long, Frame[]> pending = new HashMap<>();
    private final List<Frame> frames = new ArrayList<>();
    private long openId = -1;
    private long openLine;
    private long unterminated;
    private long unresolved;

    StackBlocks(Stacks stacks, Diagnostics diag) {
        this.stacks = stacks;
        this.diag = diag;
    }

    void open(long id, long line) {
        close();
        openId = id;
        openLine = line;
    }

    /** A frame line; outside a block it is not the script's output. */
    boolean frame(long line, String ipHex, String symbol) {
        if (openId < 0) {
            diag.skip(line, 1, "unrecognized line", "stack frame outside a stack block");
            return false;
        }
        if (frames.size() < MAX_FRAMES) frames.add(FrameText.parse(ipHex, symbol));
        return true;
    }

    /** An empty line: ends the open block (else it is one of the empty lines bpftrace prints at exit). */
    void blank() {
        if (openId >= 0) finish();
    }

    /** Any other record ends an open block too (the empty line is missing, e.g. in a cut file). */
    void close() {
        if (openId < 0) return;
        unterminated++;
        finish();
    }

    private void finish() {
        Stack s = stacks.intern(frames);
        Stack before = byId.putIfAbsent(openId, s);
        if (before != null && before != s) {
            diag.warn(openLine, 1, "stack id " + Long.toUnsignedString(openId) + " printed twice with different frames;"
                    + " the first is used");
        }
        frames.clear();
        openId = -1;
    }

    /** Version 2: {@code S SID N} announces a stack of N frames. */
    void declare(long id, int count) {
        close();
        pending.putIfAbsent(id, new Frame[Math.max(1, count)]);
    }

    /** Version 2: frame {@code index} of stack {@code id}; SYMBOL equal to the address means unresolved. */
    void frameOf(long id, int index, String ipHex, String symbol) {
        Frame[] f = pending.computeIfAbsent(id, k -> new Frame[index + 1]);
        if (index >= f.length) {
            f = java.util.Arrays.copyOf(f, index + 1);
            pending.put(id, f);
        }
        boolean unresolved = symbol.isEmpty() || symbol.equalsIgnoreCase("0x" + ipHex);
        f[index] = new Frame(unresolved ? Frame.UNKNOWN_FUNCTION : symbol, -1, null, null, 0, FrameText.hexIp(ipHex));
    }

    /** The stack of an allocation; id 0 = the capture has no stacks (depth 0). */
    Stack resolve(long id) {
        if (id == 0) return Stack.EMPTY;
        if (id == lastId) return lastStack; // allocations in a loop share their stack: no boxed lookup
        Stack s = byId.get(id);
        if (s != null) {
            lastId = id;
            lastStack = s;
            return s;
        }
        Frame[] v2 = pending.get(id);
        if (v2 != null) {
            List<Frame> list = new ArrayList<>(v2.length);
            for (Frame f : v2) {
                if (f != null) list.add(f);
            }
            if (list.size() < v2.length) diag.note("stacks with frames lost (Lost events)", 1);
            s = stacks.intern(list);
            byId.put(id, s);
            pending.remove(id);
            return s;
        }
        unresolved++;
        return Stack.EMPTY;
    }

    /** Blocks not followed by their empty line. */
    long unterminated() {
        return unterminated;
    }

    /** Allocations whose stack block never appeared (before they left the reorder window). */
    long unresolved() {
        return unresolved;
    }

    int distinct() {
        return byId.size();
    }
}
