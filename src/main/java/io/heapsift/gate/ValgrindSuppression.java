package io.heapsift.gate;

import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;

import java.util.List;
import java.util.Set;

/**
 * A valgrind suppression block. Only {@code Memcheck:Leak} blocks ({@link #isLeak()}) can match a leak; others
 * are kept so that they can be listed as not applicable.
 *
 * <p>Matching follows valgrind: the frame lines are matched against the stack from its innermost frame, each
 * line one frame, {@code ...} any number of frames; the stack may be longer than the block. Because tools
 * differ on whether the allocator's own frame is on the stack (valgrind: {@code malloc} first; bpftrace,
 * memleak: the caller first), a block also matches when its leading allocator lines are skipped, or when the
 * stack's leading allocator frames are. {@code match-leak-kinds} filters by kind; an input without kinds
 * counts as {@code definite}.
 *
 * @param kinds the leak kinds it applies to (all when the block has no match-leak-kinds line)
 */
public record ValgrindSuppression(String name, String origin, String tool, Set<LeakKind> kinds,
                                  List<FramePattern> frames) implements Suppression {

    /** True for a memcheck leak suppression. */
    public boolean isLeak() {
        int colon = tool.lastIndexOf(':');
        if (colon < 0 || !tool.substring(colon + 1).trim().equals("Leak")) return false;
        for (String t : tool.substring(0, colon).split(",")) {
            if (t.trim().equals("Memcheck")) return true;
        }
        return false;
    }

    @Override
    public boolean matches(Leak leak) {
        if (!isLeak() || !kinds.contains(leak.effectiveKind())) return false;
        List<Frame> stack = leak.stack().frames();
        if (match(frames, 0, stack, 0)) return true;
        int lead = 0;
        while (lead < frames.size() && frames.get(lead).isAllocator()) lead++;
        if (lead > 0 && match(frames, lead, stack, 0)) return true;
        int top = 0;
        while (top < stack.size() && StackKeys.isAllocator(stack.get(top))) top++;
        return top > 0 && match(frames, 0, stack, top);
    }

    private static boolean match(List<FramePattern> p, int pi, List<Frame> s, int si) {
        if (pi == p.size()) return true;
        FramePattern fp = p.get(pi);
        if (fp.type() == FramePattern.Type.ANY) {
            for (int k = si; k <= s.size(); k++) {
                if (match(p, pi + 1, s, k)) return true;
            }
            return false;
        }
        return si < s.size() && fp.matches(s.get(si)) && match(p, pi + 1, s, si + 1);
    }
}
