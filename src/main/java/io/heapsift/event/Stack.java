package io.heapsift.event;

import java.util.List;

/**
 * An interned call stack, innermost frame first. Obtain instances from {@link Stacks#intern}; two
 * stacks of one trace are equal exactly when they are the same object.
 */
public final class Stack {

    /** The stack of an event whose tool gave no stack. */
    public static final Stack EMPTY = new Stack(0, List.of());

    private final int id;
    private final List<Frame> frames;

    Stack(int id, List<Frame> frames) {
        this.id = id;
        this.frames = frames;
    }

    /** Dense id within the trace's interner, 0 for {@link #EMPTY}. */
    public int id() {
        return id;
    }

    /** Frames, innermost (the allocator's caller, or the allocator itself) first. */
    public List<Frame> frames() {
        return frames;
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    /** The innermost frame, or null. */
    public Frame top() {
        return frames.isEmpty() ? null : frames.get(0);
    }

    @Override
    public String toString() {
        if (frames.isEmpty()) return "<no stack>";
        StringBuilder sb = new StringBuilder();
        for (Frame f : frames) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(f.display());
        }
        return sb.toString();
    }
}
