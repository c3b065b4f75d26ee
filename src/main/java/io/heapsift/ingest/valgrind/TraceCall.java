package io.heapsift.ingest.valgrind;

import io.heapsift.event.TraceEvent;
import io.heapsift.grammar.valgrind.ValgrindParser.AlArgContext;
import io.heapsift.grammar.valgrind.ValgrindParser.AlignmentArgContext;
import io.heapsift.grammar.valgrind.ValgrindParser.CallArgContext;
import io.heapsift.grammar.valgrind.ValgrindParser.NumArgContext;
import io.heapsift.grammar.valgrind.ValgrindParser.PtrArgContext;
import io.heapsift.grammar.valgrind.ValgrindParser.SizeArgContext;
import io.heapsift.grammar.valgrind.ValgrindParser.TraceCallContext;

import java.util.ArrayList;
import java.util.List;

/**
 * One traced call, decoded: {@code size} (calloc/reallocarray: the product), {@code alignment},
 * {@code pointer} (the block passed in) and, for frees, the size printed with a sized delete.
 *
 * @param line line of the call text; time: the call line's time stamp
 */
record TraceCall(String name, TraceFunction fn, long size, long alignment, long pointer, long line, long time,
                 int column) {

    private enum Label { PTR, NUM, SIZE, AL, ALIGNMENT }

    private record Arg(Label label, long value) {
    }

    /** Decodes a call, checking its arguments have the shape valgrind prints for that function. */
    static TraceCall of(TraceCallContext c, long line, long time) {
        String name = c.name.getText();
        TraceFunction fn = TraceFunction.of(name);
        int column = c.getStart().getCharPositionInLine() + 1;
        if (fn == TraceFunction.UNKNOWN) {
            throw new BadLine(column, "unknown trace-malloc function", name);
        }
        List<Arg> args = args(c);
        long[] v = decode(fn, name, args);
        if (v == null) {
            throw new BadLine(column, "unexpected arguments", Texts.of(c));
        }
        return new TraceCall(name, fn, v[0], v[1], v[2], line, time, column);
    }

    private static List<Arg> args(TraceCallContext c) {
        List<Arg> out = new ArrayList<>();
        if (c.callArgs() == null) return out;
        for (CallArgContext a : c.callArgs().callArg()) {
            if (a instanceof PtrArgContext p) out.add(new Arg(Label.PTR, Numbers.pointer(p.HEX().getSymbol())));
            else if (a instanceof NumArgContext n) out.add(new Arg(Label.NUM, Numbers.decimal(n.DIGITS().getSymbol())));
            else if (a instanceof SizeArgContext s) out.add(new Arg(Label.SIZE, Numbers.decimal(s.DIGITS().getSymbol())));
            else if (a instanceof AlArgContext s) out.add(new Arg(Label.AL, Numbers.decimal(s.DIGITS().getSymbol())));
            else if (a instanceof AlignmentArgContext s) {
                out.add(new Arg(Label.ALIGNMENT, Numbers.decimal(s.DIGITS().getSymbol())));
            }
        }
        return out;
    }

    /** {size, alignment, pointer}, or null when the arguments do not fit the function. */
    private static long[] decode(TraceFunction fn, String name, List<Arg> a) {
        long none = TraceEvent.NO_SIZE;
        return switch (fn) {
            case ALLOC -> shape(a, Label.NUM) ? new long[] {a.get(0).value, 0, none} : null;
            case CALLOC -> shape(a, Label.NUM, Label.NUM)
                    ? new long[] {Numbers.product(a.get(0).value, a.get(1).value), 0, none} : null;
            case ALIGNED_NEW -> shape(a, Label.SIZE, Label.AL) || shape(a, Label.NUM, Label.NUM)
                    ? new long[] {a.get(0).value, a.get(1).value, none} : null;
            case MEMALIGN -> memalign(a);
            case POSIX_MEMALIGN -> shape(a, Label.PTR, Label.NUM, Label.NUM)
                    ? new long[] {a.get(2).value, a.get(1).value, none} : memalign(a);
            case REALLOC -> shape(a, Label.PTR, Label.NUM) ? new long[] {a.get(1).value, 0, a.get(0).value} : null;
            case REALLOCARRAY -> shape(a, Label.PTR, Label.NUM, Label.NUM)
                    ? new long[] {Numbers.product(a.get(1).value, a.get(2).value), 0, a.get(0).value} : null;
            case FREE -> free(name, a);
            case USABLE_SIZE -> shape(a, Label.PTR) ? new long[] {none, 0, a.get(0).value} : null;
            case MALLINFO -> a.isEmpty() ? new long[] {none, 0, none} : null;
            case MALLOPT -> shape(a, Label.NUM, Label.NUM) ? new long[] {a.get(0).value, a.get(1).value, none} : null;
            case MALLOC_TRIM -> shape(a, Label.NUM) ? new long[] {a.get(0).value, 0, none} : null;
            case UNKNOWN -> null;
        };
    }

    private static long[] memalign(List<Arg> a) {
        if (shape(a, Label.AL, Label.SIZE) || shape(a, Label.ALIGNMENT, Label.SIZE) || shape(a, Label.NUM, Label.NUM)) {
            return new long[] {a.get(1).value, a.get(0).value, TraceEvent.NO_SIZE};
        }
        return null;
    }

    /** {@code (p)}, {@code (p, size)}, {@code (p, align)}, {@code (p, size, align)}: the size only for sized deletes. */
    private static long[] free(String name, List<Arg> a) {
        if (a.isEmpty() || a.get(0).label != Label.PTR || a.size() > 3) return null;
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).label != Label.NUM) return null;
        }
        long size = a.size() >= 2 && TraceFunction.isSizedFree(name) ? a.get(1).value : TraceEvent.NO_SIZE;
        return new long[] {size, 0, a.get(0).value};
    }

    private static boolean shape(List<Arg> a, Label... labels) {
        if (a.size() != labels.length) return false;
        for (int i = 0; i < labels.length; i++) {
            if (a.get(i).label != labels[i]) return false;
        }
        return true;
    }

    /** True when valgrind would refuse this alignment and return NULL without printing a result. */
    boolean invalidAlignment() {
        long al = alignment;
        boolean pow2 = al != 0 && (al & (al - 1)) == 0;
        return !pow2 || fn == TraceFunction.POSIX_MEMALIGN && al % 8 != 0;
    }
}
