package io.heapsift.model;

/** glibc's {@code struct mallinfo2}, field by field (usmblks is always 0). */
public record MallInfo(long arena, long ordblks, long smblks, long hblks, long hblkhd, long uordblks, long fordblks,
                       long fsmblks, long keepcost) {
}
