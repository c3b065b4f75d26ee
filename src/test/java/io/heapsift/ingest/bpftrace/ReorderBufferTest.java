package io.heapsift.ingest.bpftrace;

import io.heapsift.event.ThreadExit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReorderBufferTest {

    private final List<Long> out = new ArrayList<>();

    private ReorderBuffer buffer(long window, int capacity) {
        return new ReorderBuffer(window, capacity, e -> out.add(e.time() * 1000 + ((ThreadExit) e.event()).tid()));
    }

    private static ThreadExit ev(int tag) {
        return new ThreadExit(0, 0, tag);
    }

    @Test
    void events_wait_until_the_newest_is_more_than_a_window_ahead() {
        ReorderBuffer b = buffer(100, 1000);
        b.add(50, ev(1), 0);
        b.add(10, ev(2), 0);
        b.add(150, ev(3), 0);
        assertThat(out).containsExactly(10_002L); // 150 - 10 > 100; 150 - 50 = 100 is not more than the window
        b.add(151, ev(4), 0);
        assertThat(out).containsExactly(10_002L, 50_001L);
        assertThat(b.waiting()).isEqualTo(2);
        b.flush();
        assertThat(out).containsExactly(10_002L, 50_001L, 150_003L, 151_004L);
        assertThat(b.reordered()).isEqualTo(1);
        assertThat(b.maxStepBack()).isEqualTo(40);
    }

    @Test
    void equal_timestamps_keep_input_order() {
        ReorderBuffer b = buffer(100, 1000);
        for (int i = 1; i <= 5; i++) b.add(7, ev(i), 0);
        b.flush();
        assertThat(out).containsExactly(7001L, 7002L, 7003L, 7004L, 7005L);
    }

    @Test
    void a_full_buffer_releases_its_oldest_events_so_memory_is_bounded() {
        ReorderBuffer b = buffer(Long.MAX_VALUE / 2, 3);
        for (int i = 1; i <= 10; i++) b.add(i, ev(i), 0);
        assertThat(b.waiting()).isEqualTo(3);
        assertThat(b.forced()).isEqualTo(7);
        assertThat(out).hasSize(7);
    }

    @Test
    void an_event_older_than_what_already_left_is_emitted_at_once_and_counted() {
        ReorderBuffer b = buffer(10, 1000);
        b.add(100, ev(1), 0);
        b.add(200, ev(2), 0); // releases 100
        b.add(50, ev(3), 0);  // older than 100, already released
        b.flush();
        assertThat(out).containsExactly(100_001L, 50_003L, 200_002L);
        assertThat(b.late()).isEqualTo(1);
    }
}
