package io.heapsift.ingest.ltrace;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.AllocatorCall;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.Realloc;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;

/**
 * Makes the event of one completed (or never-returned) allocator call. The return value gives the
 * block address; when ltrace printed none (a lost return, posix_memalign's status) the address a
 * folded inner call returned is used, else {@link TraceEvent#NO_ADDRESS}.
 */
final class LtraceEvents {

    private LtraceEvents() {
    }

    /**
     * @param ret          the return value text, or null when the call never returned
     * @param innerAddress address returned by a folded inner allocation, or NO_ADDRESS
     */
    static TraceEvent of(AllocCall c, String ret, long innerAddress, long line, long timeNs, int tid, Stack stack) {
        long result = ret != null && Values.isNumber(ret) ? Values.parse(ret) : TraceEvent.NO_ADDRESS;
        long address = result != TraceEvent.NO_ADDRESS ? result : innerAddress;
        return switch (c.function()) {
            case MALLOC, CALLOC, ALIGNED_ALLOC, MEMALIGN, VALLOC, PVALLOC, NEW, NEW_ARRAY ->
                    new Alloc(line, timeNs, tid, allocKind(c.function()), c.size(), address, c.align(), stack);
            case POSIX_MEMALIGN -> new Alloc(line, timeNs, tid, AllocKind.POSIX_MEMALIGN, c.size(),
                    result == TraceEvent.NO_ADDRESS || result == 0 ? innerAddress : 0, c.align(), stack);
            case REALLOC, REALLOCARRAY -> new Realloc(line, timeNs, tid, c.function() == AllocFunction.REALLOCARRAY,
                    c.ptr(), c.size(), address, stack);
            case FREE, DELETE, DELETE_ARRAY -> new Free(line, timeNs, tid, freeKind(c.function()), c.ptr(), c.size(), stack);
            case MALLOC_TRIM, MALLOPT, MALLINFO -> new AllocatorCall(line, timeNs, tid, callKind(c.function()), c.arg0(),
                    c.arg1(), result == TraceEvent.NO_ADDRESS ? 0 : result);
            case OTHER -> throw new IllegalArgumentException("not an allocator call");
        };
    }

    /** The allocation kind of an allocating function, or null for the others. */
    static AllocKind allocKind(AllocFunction f) {
        return switch (f) {
            case MALLOC -> AllocKind.MALLOC;
            case CALLOC -> AllocKind.CALLOC;
            case POSIX_MEMALIGN -> AllocKind.POSIX_MEMALIGN;
            case ALIGNED_ALLOC -> AllocKind.ALIGNED_ALLOC;
            case MEMALIGN -> AllocKind.MEMALIGN;
            case VALLOC -> AllocKind.VALLOC;
            case PVALLOC -> AllocKind.PVALLOC;
            case NEW -> AllocKind.NEW;
            case NEW_ARRAY -> AllocKind.NEW_ARRAY;
            default -> null;
        };
    }

    private static FreeKind freeKind(AllocFunction f) {
        return switch (f) {
            case DELETE -> FreeKind.DELETE;
            case DELETE_ARRAY -> FreeKind.DELETE_ARRAY;
            default -> FreeKind.FREE;
        };
    }

    private static AllocatorCall.Kind callKind(AllocFunction f) {
        return switch (f) {
            case MALLOC_TRIM -> AllocatorCall.Kind.MALLOC_TRIM;
            case MALLOPT -> AllocatorCall.Kind.MALLOPT;
            default -> AllocatorCall.Kind.MALLINFO;
        };
    }
}
