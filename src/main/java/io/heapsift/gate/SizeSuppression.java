package io.heapsift.gate;

import io.heapsift.event.Frame;

/**
 * A built-in suppression for a one-time runtime block that tools show without a usable stack, recognised by
 * its exact size: libstdc++'s emergency exception-handling pool (GCC 9 and later on 64-bit: one block of
 * 72,704 bytes allocated before main by a static constructor, never freed). It matches only a single block of
 * that size whose stack has no program frame (no stack, unknown frames, or runtime-library frames only).
 * With {@code singleNullFrame}: a stack of exactly one frame without symbol or module — libbpf-tools memleak's
 * {@code <null sym>} stdout buffer (4096 bytes) of its forked child before it execs the program.
 */
public record SizeSuppression(String name, String origin, long bytes, long blocks, boolean singleNullFrame)
        implements Suppression {

    @Override
    public boolean matches(Leak leak) {
        if (leak.bytes() != bytes || leak.blocks() != blocks) return false;
        if (singleNullFrame) {
            var f = leak.stack().frames();
            return f.size() == 1 && f.get(0).isUnknown() && f.get(0).module() == null;
        }
        for (Frame f : leak.stack().frames()) {
            if (!f.isUnknown() && !StackKeys.isRuntime(f)) return false;
            if (f.isUnknown() && f.module() != null && !f.module().contains("libstdc++")) return false;
        }
        return true;
    }
}
