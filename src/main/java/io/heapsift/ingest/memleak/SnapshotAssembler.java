package io.heapsift.ingest.memleak;

import io.heapsift.event.Frame;
import io.heapsift.event.SnapshotAddress;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEnd;
import io.heapsift.event.SnapshotEntry;
import io.heapsift.event.Stack;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.ParseContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles memleak's periodic snapshots: a header opens a snapshot, each "B bytes in C allocations
 * from stack" line opens a group, the frame lines that follow make its stack. A group ends at the next
 * group, header, blank line or other tool line; a snapshot ends at the next header or at the end of
 * input. {@link SnapshotBegin} is emitted lazily, at the first line that proves the snapshot's mode
 * (the Python tool prints the same header for {@code --combined-only}).
 */
final class SnapshotAssembler {

    private static final long DAY_NS = 86_400_000_000_000L;
    private static final long HALF_DAY_NS = DAY_NS / 2;

    private final ParseContext ctx;
    private boolean libbpf;

    // capture-wide
    private int begun;
    private long entries;
    private long addresses;
    private long lostStacks;
    private long headerless;
    private boolean anyCombined;
    private boolean ipColumn;
    private boolean defaultMode;
    private long lastTimeOfDay = -1;
    private long dayOffset;

    // the open snapshot
    private boolean open;
    private boolean emittedBegin;
    private boolean content;
    private int index;
    private long headerLine;
    private long timeNs;
    private long lastLine;
    private int top;
    private int groups;

    // the open group
    private Group group;

    SnapshotAssembler(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** The capture is from libbpf-tools: address lines belong to their group, no combined detection. */
    void libbpf(boolean yes) {
        libbpf = yes;
    }

    /**
     * The capture is known not to be {@code --combined-only} (legacy wording or bytes stacks of bcc &lt; 0.10),
     * so frames without the IP column come from bcc 0.10-0.24's default mode.
     */
    void defaultModeEvidence() {
        defaultMode = true;
    }

    /** "[HH:MM:SS] Top N stacks with outstanding allocations:". */
    void header(long line, long timeOfDayNs, int requestedTop) {
        endSnapshot();
        open = true;
        emittedBegin = false;
        content = false;
        headerLine = line;
        lastLine = line;
        timeNs = dayTime(line, timeOfDayNs);
        top = requestedTop;
        groups = 0;
    }

    /** A blank line: ends a group; right after a Python header it is the empty --combined-only print. */
    void blank() {
        if (group != null) {
            closeGroup();
        } else if (open && !content && !libbpf) {
            content = true;
            begin(true);
        }
    }

    /** An "addr = A size = S" line (-a). */
    void address(long line, long address, long size) {
        if (libbpf && group != null) {
            group.address(line, address, size);
            lastLine = line;
            return;
        }
        closeGroup();
        snapshot(line);
        defaultMode = true; // --combined-only never prints address lines
        begin(false);
        addresses++;
        ctx.emit(new SnapshotAddress(line, address, size, Stack.EMPTY));
    }

    /** "B bytes in C allocations from stack". */
    void group(long line, long bytes, long blocks) {
        closeGroup();
        snapshot(line);
        group = new Group(line, bytes, blocks);
        groups++;
    }

    /** A frame line; false if no group is open or the line cannot be one of this group's frames. */
    boolean frame(long line, Frame frame, boolean hasIp) {
        if (group == null) return false;
        if (!libbpf && !hasIp && (ipColumn || group.ip)) return false; // >= 0.25 prints every frame with its IP
        if (hasIp) {
            group.ip = true;
            ipColumn = true;
        } else {
            group.noIp = true;
        }
        group.frames.add(frame);
        lastLine = line;
        return true;
    }

    /** "stack information lost" (--combined-only); false outside a group. */
    boolean stackLost(long line) {
        if (group == null) return false;
        group.lost = true;
        lastLine = line;
        return true;
    }

    /** Whether a group is open (frames may follow). */
    boolean inGroup() {
        return group != null;
    }

    /** Any other tool line: the open group (not the snapshot) ends here. */
    void interrupt() {
        closeGroup();
    }

    /** A startup or exit line of memleak: a (new) run, its snapshots and clock are separate. */
    void newRun() {
        endSnapshot();
        lastTimeOfDay = -1;
        dayOffset = 0;
    }

    /** End of input. */
    void finish() {
        endSnapshot();
    }

    int snapshots() {
        return begun;
    }

    long entries() {
        return entries;
    }

    long addresses() {
        return addresses;
    }

    boolean anyCombined() {
        return anyCombined;
    }

    boolean ipColumn() {
        return ipColumn;
    }

    long lostStacks() {
        return lostStacks;
    }

    long headerless() {
        return headerless;
    }

    private void snapshot(long line) {
        content = true;
        lastLine = line;
        if (open) return;
        // groups without a header (a capture cut at the start, or the "..." in the upstream example)
        headerless++;
        open = true;
        emittedBegin = false;
        headerLine = line;
        timeNs = TraceEvent.NO_TIME;
        top = 0;
        groups = 0;
    }

    private void begin(boolean combined) {
        if (emittedBegin) return;
        emittedBegin = true;
        index = begun++;
        anyCombined |= combined;
        ctx.emit(new SnapshotBegin(headerLine, timeNs, index, top, combined));
    }

    private void closeGroup() {
        Group g = group;
        if (g == null) return;
        group = null;
        begin(!libbpf && (g.lost || (g.noIp && !g.ip && !defaultMode)));
        Stack stack = ctx.stacks().intern(g.frames);
        if (g.lost) lostStacks++;
        entries++;
        ctx.emit(new SnapshotEntry(g.line, stack, g.bytes, g.blocks, g.lost));
        for (int i = 0; i < g.addressCount; i++) {
            addresses++;
            ctx.emit(new SnapshotAddress(g.addressLines[i], g.addresses[2 * i], g.addresses[2 * i + 1], stack));
        }
    }

    private void endSnapshot() {
        closeGroup();
        if (!open) return;
        begin(false);
        open = false;
        checkTop();
        ctx.emit(new SnapshotEnd(lastLine, index));
    }

    /** Python's "Top N" is the requested maximum, libbpf-tools' the number of groups printed. */
    private void checkTop() {
        if (timeNs == TraceEvent.NO_TIME) return;
        if (libbpf ? groups != top : groups > top) {
            ctx.diagnostics().warn(headerLine, 0, "snapshot has " + groups + " stack groups but its header says Top "
                    + top + (groups < top ? " (capture cut short?)" : ""));
        }
    }

    /** Nanoseconds since the first midnight: a header earlier than the previous by over 12 h wrapped past midnight. */
    private long dayTime(long line, long tod) {
        if (lastTimeOfDay >= 0 && tod < lastTimeOfDay) {
            if (lastTimeOfDay - tod > HALF_DAY_NS) {
                dayOffset += DAY_NS;
            } else {
                ctx.diagnostics().warn(line, 2, "snapshot time goes backwards (clock change?)");
            }
        }
        lastTimeOfDay = tod;
        return tod + dayOffset;
    }

    /** One open group: its header values, frames so far, and (libbpf-tools -a) the addresses listed under it. */
    private static final class Group {
        final long line;
        final long bytes;
        final long blocks;
        final List<Frame> frames = new ArrayList<>();
        boolean ip;
        boolean noIp;
        boolean lost;
        long[] addresses = new long[0];
        long[] addressLines = new long[0];
        int addressCount;

        Group(long line, long bytes, long blocks) {
            this.line = line;
            this.bytes = bytes;
            this.blocks = blocks;
        }

        void address(long line, long address, long size) {
            if (addressCount == addressLines.length) {
                int cap = Math.max(8, addressCount * 2);
                addressLines = Arrays.copyOf(addressLines, cap);
                addresses = Arrays.copyOf(addresses, 2 * cap);
            }
            addressLines[addressCount] = line;
            addresses[2 * addressCount] = address;
            addresses[2 * addressCount + 1] = size;
            addressCount++;
        }
    }
}
