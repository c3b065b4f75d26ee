package io.heapsift.event;

import java.util.List;

/**
 * A call into the allocator that is not an allocation or free but changes or samples its state:
 * {@code malloc_trim(pad)}, {@code mallopt(param, value)}, {@code mallinfo2()} (used as a checkpoint
 * marker by the fidelity workloads).
 *
 * @param info for {@link Kind#MALLINFO} when the tool printed the returned struct: glibc's
 *             {@code struct mallinfo2} fields in declaration order (arena, ordblks, smblks, hblks, hblkhd,
 *             usmblks, fsmblks, uordblks, fordblks, keepcost); empty otherwise
 */
public record AllocatorCall(long line, long timeNs, int tid, Kind kind, long arg0, long arg1, long result,
                            List<Long> info) implements TraceEvent {

    /** Which allocator call. */
    public enum Kind { MALLOC_TRIM, MALLOPT, MALLINFO }

    public AllocatorCall {
        info = info == null ? List.of() : List.copyOf(info);
    }

    /** A call whose tool printed no struct (ltrace, or malloc_trim/mallopt). */
    public AllocatorCall(long line, long timeNs, int tid, Kind kind, long arg0, long arg1, long result) {
        this(line, timeNs, tid, kind, arg0, arg1, result, List.of());
    }
}
