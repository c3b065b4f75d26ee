package io.heapsift.ingest.ltrace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open calls of every thread (LIFO per thread: a nested call returns before its caller), and
 * which pid is the process leader. ltrace prints no line when a thread starts; the leader is taken
 * as the lowest pid seen so far (the kernel hands out thread ids upwards from the leader's pid),
 * unless the pids seen span more than half of the largest pid_max (2^22), i.e. they wrapped: then
 * it is the first pid seen.
 */
final class ThreadCalls {

    private static final int WRAP_SPAN = 1 << 21;

    private final Map<Integer, ArrayDeque<OpenCall>> open = new HashMap<>();
    private int lastTid = Integer.MIN_VALUE;
    private ArrayDeque<OpenCall> lastStack;
    private boolean sawPid;
    private int firstPid, minPid, maxPid;

    /** Records that a line of {@code tid} was seen (for the leader choice). */
    void observe(int tid) {
        if (!sawPid) {
            sawPid = true;
            firstPid = minPid = maxPid = tid;
        } else {
            minPid = Math.min(minPid, tid);
            maxPid = Math.max(maxPid, tid);
        }
    }

    /** True if {@code tid} is (as far as the lines so far tell) the traced process itself. */
    boolean isLeader(int tid) {
        if (!sawPid) return true;
        if ((long) maxPid - minPid > WRAP_SPAN) return tid == firstPid;
        return tid == minPid;
    }

    /** The open calls of {@code tid}, innermost first, or null if none. */
    ArrayDeque<OpenCall> stack(int tid) {
        if (tid == lastTid) return lastStack;
        ArrayDeque<OpenCall> s = open.get(tid);
        lastTid = tid;
        lastStack = s;
        return s;
    }

    void push(int tid, OpenCall c) {
        ArrayDeque<OpenCall> s = stack(tid);
        if (s == null) {
            s = new ArrayDeque<>(4);
            open.put(tid, s);
            lastTid = tid;
            lastStack = s;
        }
        s.push(c);
    }

    /**
     * Removes and returns the innermost open call of {@code tid} named {@code name}. Open calls above
     * it never returned (their return was lost): they are handed to {@code lost}, innermost first.
     * Returns null if the thread has no such open call.
     */
    OpenCall resume(int tid, String name, Consumer<OpenCall> lost) {
        ArrayDeque<OpenCall> s = stack(tid);
        if (s == null || s.isEmpty()) return null;
        if (s.peek().name.equals(name)) return s.pop();
        boolean found = false;
        for (OpenCall c : s) {
            if (c.name.equals(name)) {
                found = true;
                break;
            }
        }
        if (!found) return null;
        while (!s.peek().name.equals(name)) lost.accept(s.pop());
        return s.pop();
    }

    /** Removes every open call of {@code tid} (innermost first), for a thread that ended. */
    List<OpenCall> end(int tid) {
        ArrayDeque<OpenCall> s = open.remove(tid);
        if (tid == lastTid) lastStack = null;
        return s == null ? List.of() : new ArrayList<>(s);
    }

    /** Removes every open call of every thread, for the end of the input. */
    List<OpenCall> endAll() {
        List<OpenCall> all = new ArrayList<>();
        Collection<ArrayDeque<OpenCall>> stacks = open.values();
        for (Iterator<ArrayDeque<OpenCall>> it = stacks.iterator(); it.hasNext(); ) {
            all.addAll(it.next());
            it.remove();
        }
        lastStack = null;
        lastTid = Integer.MIN_VALUE;
        return all;
    }
}
