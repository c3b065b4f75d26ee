package io.heapsift.event;

/** The tool's own HEAP SUMMARY ("in use at exit: B bytes in N blocks", "total heap usage: ..."). */
public record HeapSummary(long line, long inUseBytes, long inUseBlocks, long allocs, long frees, long bytesAllocated)
        implements TraceEvent {
}
