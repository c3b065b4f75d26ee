package io.heapsift.ingest.ltrace;

import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.ltrace.AllocFunction.Signature;

import java.util.List;

/**
 * The arguments of one allocator call, read by position from what ltrace printed. Functions
 * without a prototype in ltrace.conf (posix_memalign, memalign, aligned_alloc, C++ operators, ...)
 * are printed with four arguments, the extra ones register garbage: only the leading ones are used.
 *
 * @param size  requested bytes (calloc, reallocarray: the product; -1 when it overflows), or NO_SIZE
 * @param ptr   the block passed in (free, realloc, delete), else 0
 * @param align requested alignment, else 0
 * @param arg0  first raw argument (malloc_trim pad, mallopt param)
 * @param arg1  second raw argument (mallopt value)
 */
record AllocCall(Signature signature, long size, long ptr, long align, long arg0, long arg1) {

    AllocFunction function() {
        return signature.function();
    }

    /**
     * Reads the arguments; null if a needed one is missing or not a number. With {@code sized}
     * delete the size is the second argument; aligned new takes the alignment second.
     */
    static AllocCall read(Signature sig, List<String> args) {
        int needed = needed(sig);
        if (args.size() < needed) return null;
        long[] v = new long[needed];
        for (int i = 0; i < needed; i++) {
            String a = args.get(i);
            if (!Values.isNumber(a)) return null;
            v[i] = Values.parse(a);
        }
        return switch (sig.function()) {
            case MALLOC, VALLOC, PVALLOC -> new AllocCall(sig, v[0], 0, 0, v[0], 0);
            case CALLOC -> new AllocCall(sig, Values.multiplyUnsigned(v[0], v[1]), 0, 0, v[0], v[1]);
            case REALLOC -> new AllocCall(sig, v[1], v[0], 0, v[0], v[1]);
            case REALLOCARRAY -> new AllocCall(sig, Values.multiplyUnsigned(v[1], v[2]), v[0], 0, v[0], v[1]);
            case FREE -> new AllocCall(sig, TraceEvent.NO_SIZE, v[0], 0, v[0], 0);
            case POSIX_MEMALIGN -> new AllocCall(sig, v[2], 0, v[1], v[0], v[1]);
            case ALIGNED_ALLOC, MEMALIGN -> new AllocCall(sig, v[1], 0, v[0], v[0], v[1]);
            case NEW, NEW_ARRAY -> new AllocCall(sig, v[0], 0, sig.aligned() ? v[1] : 0, v[0], 0);
            case DELETE, DELETE_ARRAY -> new AllocCall(sig, sig.sized() ? v[1] : TraceEvent.NO_SIZE, v[0], 0, v[0], 0);
            case MALLOC_TRIM -> new AllocCall(sig, TraceEvent.NO_SIZE, 0, 0, v[0], 0);
            case MALLOPT -> new AllocCall(sig, TraceEvent.NO_SIZE, 0, 0, v[0], v[1]);
            case MALLINFO, OTHER -> new AllocCall(sig, TraceEvent.NO_SIZE, 0, 0, 0, 0);
        };
    }

    private static int needed(Signature sig) {
        return switch (sig.function()) {
            case MALLOC, VALLOC, PVALLOC, FREE, MALLOC_TRIM -> 1;
            case CALLOC, REALLOC, ALIGNED_ALLOC, MEMALIGN, MALLOPT -> 2;
            case REALLOCARRAY, POSIX_MEMALIGN -> 3;
            case NEW, NEW_ARRAY -> sig.aligned() ? 2 : 1;
            case DELETE, DELETE_ARRAY -> sig.sized() ? 2 : 1;
            case MALLINFO, OTHER -> 0;
        };
    }

    /** Makes a new block (malloc family, new, realloc(NULL, n)). */
    boolean allocates() {
        return switch (function()) {
            case MALLOC, CALLOC, POSIX_MEMALIGN, ALIGNED_ALLOC, MEMALIGN, VALLOC, PVALLOC, NEW, NEW_ARRAY -> true;
            case REALLOC, REALLOCARRAY -> ptr == 0;
            default -> false;
        };
    }

    /** Only releases a block (free, delete, realloc(p, 0)). */
    boolean releases() {
        return switch (function()) {
            case FREE, DELETE, DELETE_ARRAY -> true;
            case REALLOC, REALLOCARRAY -> ptr != 0 && size == 0;
            default -> false;
        };
    }

    /** Resizes a live block (realloc(p, n) with p and n non-zero). */
    boolean resizes() {
        return (function() == AllocFunction.REALLOC || function() == AllocFunction.REALLOCARRAY) && ptr != 0 && size != 0;
    }

    /**
     * True if {@code inner}, called while this call had not returned on the same thread, is this
     * very allocation seen at a second level (PLT call → entry breakpoint, new[] → new → malloc,
     * realloc(NULL, n) → malloc, realloc(p, 0) → free, memalign(≤16) → malloc, aligned new →
     * aligned_alloc of the size rounded up to the alignment, new(0) → malloc(1)).
     */
    boolean contains(AllocCall inner) {
        if (allocates() && inner.allocates()) return sameSize(inner.size);
        if (releases() && inner.releases()) return ptr == inner.ptr;
        if (resizes()) {
            return (inner.resizes() && inner.ptr == ptr && inner.size == size)
                    || (inner.allocates() && inner.size == size) || (inner.releases() && inner.ptr == ptr);
        }
        boolean control = function() == AllocFunction.MALLOC_TRIM || function() == AllocFunction.MALLOPT
                || function() == AllocFunction.MALLINFO;
        return control && inner.function() == function() && inner.arg0 == arg0 && inner.arg1 == arg1;
    }

    private boolean sameSize(long inner) {
        if (inner == size) return true;
        if (size == 0 && inner == 1) return true;
        return align > 0 && size > 0 && inner == roundUp(size, align);
    }

    private static long roundUp(long n, long a) {
        if (Long.bitCount(a) != 1) return n;
        return (n + a - 1) & -a;
    }
}
