package io.heapsift.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns frames and stacks for one trace, so that memory grows with the number of distinct stacks,
 * not with the number of events, and later stages can key maps by {@link Stack} identity.
 * Not thread-safe: one interner per parse.
 */
public final class Stacks {

    private final Map<Frame, Frame> frames = new HashMap<>();
    private final Map<List<Frame>, Stack> stacks = new HashMap<>();
    private final List<Stack> byId = new ArrayList<>();

    public Stacks() {
        byId.add(Stack.EMPTY);
    }

    /** Returns the canonical instance of an equal frame. */
    public Frame frame(Frame f) {
        Frame known = frames.putIfAbsent(f, f);
        return known != null ? known : f;
    }

    /** Returns the interned stack with these frames (innermost first); the list is copied. */
    public Stack intern(List<Frame> frameList) {
        if (frameList.isEmpty()) return Stack.EMPTY;
        Stack known = stacks.get(frameList);
        if (known != null) return known;
        List<Frame> copy = new ArrayList<>(frameList.size());
        for (Frame f : frameList) copy.add(frame(f));
        List<Frame> key = List.copyOf(copy);
        Stack s = new Stack(byId.size(), key);
        byId.add(s);
        stacks.put(key, s);
        return s;
    }

    /** Number of distinct stacks (including the empty one). */
    public int size() {
        return byId.size();
    }

    /** The stack with this id. */
    public Stack byId(int id) {
        return byId.get(id);
    }
}
