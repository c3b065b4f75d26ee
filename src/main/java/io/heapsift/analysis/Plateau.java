package io.heapsift.analysis;

/**
 * The heap footprint grew and then stayed flat while live memory stayed level: the allocator warmed up (arenas
 * grown, mmap threshold raised), it is not leaking.
 *
 * @param atX            where the plateau starts (seconds from the start, or event index)
 * @param perSecond      x is seconds
 * @param footprintBytes the footprint (estimated RSS) on the plateau
 */
public record Plateau(double atX, boolean perSecond, long footprintBytes) {
}
