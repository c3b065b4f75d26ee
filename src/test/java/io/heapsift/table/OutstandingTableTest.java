package io.heapsift.table;

import io.heapsift.event.Alloc;
import io.heapsift.event.AllocKind;
import io.heapsift.event.Frame;
import io.heapsift.event.Free;
import io.heapsift.event.FreeKind;
import io.heapsift.event.LeakKind;
import io.heapsift.event.LeakRecord;
import io.heapsift.event.LeakSummary;
import io.heapsift.event.Realloc;
import io.heapsift.event.SnapshotBegin;
import io.heapsift.event.SnapshotEnd;
import io.heapsift.event.SnapshotEntry;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import io.heapsift.event.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OutstandingTableTest {

    private final Stacks stacks = new Stacks();
    private final Stack a = stacks.intern(List.of(Frame.of("leaf_alloc", "leak"), Frame.of("main", "leak")));
    private final Stack b = stacks.intern(List.of(Frame.of("other", "leak"), Frame.of("main", "leak")));
    private long line;

    private Alloc alloc(long addr, long size, Stack s) {
        return new Alloc(++line, line * 10, 1, AllocKind.MALLOC, size, addr, 0, s);
    }

    private Free free(long addr) {
        return new Free(++line, line * 10, 1, FreeKind.FREE, addr, TraceEvent.NO_SIZE, Stack.EMPTY);
    }

    @Test
    void live_bytes_follow_addresses_and_realloc_moves_blocks() {
        OutstandingTable t = new OutstandingTable();
        t.accept(alloc(0x1000, 100, a));
        t.accept(alloc(0x2000, 50, b));
        t.accept(new Realloc(++line, 0, 1, false, 0x1000, 300, 0x3000, b));
        t.accept(free(0x2000));
        TableResult r = t.result();
        assertThat(r.mode()).isEqualTo(TableMode.EVENTS);
        assertThat(r.liveBytes()).isEqualTo(300);
        assertThat(r.liveBlocks()).isEqualTo(1);
        assertThat(r.peakBytes()).isEqualTo(350); // realloc moves atomically: 50 + 300
        StackRow top = r.stacks().get(0);
        assertThat(top.stack()).isSameAs(b);
        assertThat(top.liveBytes()).isEqualTo(300);
        assertThat(top.allocs()).isEqualTo(2);
        assertThat(top.frees()).isEqualTo(1);
    }

    @Test
    void unknown_double_and_null_frees_are_counted_apart() {
        OutstandingTable t = new OutstandingTable();
        t.accept(alloc(0x1000, 16, a));
        t.accept(free(0x1000));
        t.accept(free(0x1000));
        t.accept(free(0x9000));
        t.accept(free(0));
        EventCounts c = t.result().counts();
        assertThat(c.doubleFrees()).isEqualTo(1);
        assertThat(c.doubleFreeLines()).containsExactly(3L);
        assertThat(c.unknownFrees()).isEqualTo(1);
        assertThat(c.nullFrees()).isEqualTo(1);
        assertThat(t.result().liveBytes()).isZero();
    }

    @Test
    void realloc_zero_frees_and_failed_realloc_keeps_the_block() {
        OutstandingTable t = new OutstandingTable();
        t.accept(alloc(0x1000, 16, a));
        t.accept(new Realloc(++line, 0, 1, false, 0x1000, 1L << 40, 0, a));
        assertThat(t.result().liveBytes()).isEqualTo(16);
        t.accept(new Realloc(++line, 0, 1, false, 0x1000, 0, 0, a));
        assertThat(t.result().liveBytes()).isZero();
        assertThat(t.result().counts().failedAllocs()).isEqualTo(1);
    }

    @Test
    void random_streams_keep_live_bytes_equal_to_allocations_minus_frees() {
        Random rnd = new Random(42);
        for (int round = 0; round < 20; round++) {
            OutstandingTable t = new OutstandingTable();
            Map<Long, Long> model = new HashMap<>();
            List<Long> addrs = new ArrayList<>();
            long next = 0x10000;
            for (int i = 0; i < 5000; i++) {
                if (addrs.isEmpty() || rnd.nextInt(3) > 0) {
                    long addr = rnd.nextInt(4) == 0 && !addrs.isEmpty() ? next += 16 : (next += 16 + rnd.nextInt(64) * 16);
                    long size = 1 + rnd.nextInt(5000);
                    t.accept(alloc(addr, size, rnd.nextBoolean() ? a : b));
                    model.put(addr, size);
                    addrs.add(addr);
                } else {
                    long addr = addrs.remove(rnd.nextInt(addrs.size()));
                    t.accept(free(addr));
                    model.remove(addr);
                }
            }
            TableResult r = t.result();
            assertThat(r.liveBytes()).isEqualTo(model.values().stream().mapToLong(Long::longValue).sum());
            assertThat(r.liveBlocks()).isEqualTo(model.size());
            assertThat(r.stacks().stream().mapToLong(StackRow::liveBytes).sum()).isEqualTo(r.liveBytes());
            for (long addr : new ArrayList<>(addrs)) t.accept(free(addr));
            assertThat(t.result().liveBytes()).isZero();
            assertThat(t.result().liveBlocks()).isZero();
        }
    }

    @Test
    void snapshots_keep_the_last_snapshot_and_a_series() {
        OutstandingTable t = new OutstandingTable();
        t.accept(new SnapshotBegin(1, 1_000_000_000L, 0, 10, false));
        t.accept(new SnapshotEntry(2, a, 32, 2, false));
        t.accept(new SnapshotEnd(3, 0));
        t.accept(new SnapshotBegin(4, 2_000_000_000L, 1, 10, false));
        t.accept(new SnapshotEntry(5, a, 64, 4, false));
        t.accept(new SnapshotEntry(6, b, 8, 1, false));
        t.accept(new SnapshotEnd(7, 1));
        TableResult r = t.result();
        assertThat(r.mode()).isEqualTo(TableMode.SNAPSHOTS);
        assertThat(r.liveBytes()).isEqualTo(72);
        StackRow ra = r.stacks().get(0);
        assertThat(ra.seriesBytes()).containsExactly(32, 64);
        assertThat(r.stacks().get(1).seriesBytes()).containsExactly(-1, 8);
    }

    @Test
    void leak_records_sum_by_kind_using_direct_bytes() {
        OutstandingTable t = new OutstandingTable();
        t.accept(new LeakRecord(1, LeakKind.DEFINITE, 56, 16, 40, 1, 4, 6, a));
        t.accept(new LeakRecord(2, LeakKind.INDIRECT, 40, 40, 0, 1, 3, 6, b));
        t.accept(new LeakRecord(3, LeakKind.DEFINITE, 1000, 1000, 0, 1, 6, 6, b));
        t.accept(new LeakSummary(4, LeakKind.REACHABLE, 117, 3));
        TableResult r = t.result();
        assertThat(r.mode()).isEqualTo(TableMode.LEAK_REPORT);
        assertThat(r.kinds().get(LeakKind.DEFINITE)).isEqualTo(new KindTotal(1016, 2));
        assertThat(r.kinds().get(LeakKind.INDIRECT)).isEqualTo(new KindTotal(40, 1));
        assertThat(r.kinds().get(LeakKind.REACHABLE)).isEqualTo(new KindTotal(117, 3));
        assertThat(r.kindsFromSummary()).containsExactly(LeakKind.REACHABLE);
        assertThat(r.liveBytes()).isEqualTo(1016 + 40 + 117);
    }
}
