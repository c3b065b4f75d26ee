package io.heapsift.ingest.ltrace;

import io.heapsift.event.Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the {@code -w N} frames printed after a completion line (formats.md §5.4), innermost
 * first, and turns them into {@link Frame}s exactly as printed:
 * <ul>
 *   <li>0.7.3 + libunwind: {@code \t\t\tfn (ip = 0x...)} — function (possibly empty) and ip;</li>
 *   <li>post-0.7.3 + libunwind: {@code  > /lib/libc.so.6(malloc+0x1a) [0x7f...]}, {@code lib(???) [0x...]}
 *       (no symbol), offset {@code (nil)} for 0;</li>
 *   <li>post-0.7.3 + libdw: {@code  > mod(sym+0xoff) [7f...]} (pc without 0x, {@code (null)} for an
 *       unknown module or symbol), optionally followed by {@code \tfile:line[:col]} for that frame.</li>
 * </ul>
 * {@code  > Error: msg} and {@code  > [...]} (unwinding stopped) give no frame.
 */
final class LtraceFrames {

    private final List<Frame> frames = new ArrayList<>();

    void clear() {
        frames.clear();
    }

    List<Frame> frames() {
        return frames;
    }

    /** Adds the frame of a FRAME line; false if it is one of the frame-less forms (error, cut). */
    boolean add(LtraceLine l) {
        switch (l.style) {
            case LtraceLine.FRAME_073 -> frames.add(new Frame(l.frameInner, -1, null, null, 0, hex(l.frameAddr)));
            case LtraceLine.FRAME_UNWOUND -> frames.add(unwound(l));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Attaches a libdw source line to the frame before it; false if there is none. */
    boolean source(LtraceLine l) {
        if (frames.isEmpty()) return false;
        Frame last = frames.remove(frames.size() - 1);
        int line = l.frameInner == null ? 0 : parseInt(l.frameInner);
        frames.add(new Frame(last.function(), last.offset(), last.module(), l.frameModule, line, last.ip()));
        return true;
    }

    private static Frame unwound(LtraceLine l) {
        String module = l.frameModule.equals("(null)") ? null : l.frameModule;
        String inner = l.frameInner;
        String function = inner;
        long offset = -1;
        int plus = inner.lastIndexOf('+');
        if (plus >= 0) {
            function = inner.substring(0, plus);
            String off = inner.substring(plus + 1);
            offset = off.equals("(nil)") ? 0 : hex(off);
        }
        if (function.equals("???") || function.equals("(null)")) function = Frame.UNKNOWN_FUNCTION;
        return new Frame(function, offset, module, null, 0, hex(l.frameAddr));
    }

    /** Hex with or without 0x; 0 if it is not a number. */
    static long hex(String s) {
        String digits = s.startsWith("0x") ? s.substring(2) : s;
        if (digits.isEmpty() || digits.length() > 16) return 0;
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) return 0;
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    private static int parseInt(String s) {
        return s.length() > 9 ? 0 : Integer.parseInt(s);
    }
}
