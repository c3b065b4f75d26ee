package io.heapsift.replay;

import io.heapsift.event.ThreadExit;
import io.heapsift.event.TraceEvent;
import io.heapsift.ingest.EventSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutTest {

    static final class Collect implements EventSink {
        final List<Long> lines = new ArrayList<>();
        boolean ended;

        @Override
        public void accept(TraceEvent e) {
            lines.add(e.line());
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    @Test
    void every_sink_sees_every_event_in_order_then_end() {
        Collect a = new Collect(), b = new Collect();
        FanOut f = new FanOut(List.of(a, b));
        for (int i = 1; i <= 10_001; i++) f.accept(new ThreadExit(i, 0, 1));
        f.end();
        assertThat(a.lines).hasSize(10_001).isSorted();
        assertThat(b.lines).isEqualTo(a.lines);
        assertThat(a.ended && b.ended).isTrue();
    }

    @Test
    void a_failing_sink_fails_the_end_without_blocking_the_producer() {
        Collect ok = new Collect();
        EventSink bad = e -> {
            throw new IllegalStateException("model bug");
        };
        FanOut f = new FanOut(List.of(ok, bad));
        for (int i = 1; i <= 100_000; i++) f.accept(new ThreadExit(i, 0, 1));
        assertThatThrownBy(f::end).hasMessage("model bug");
        assertThat(ok.lines).hasSize(100_000);
    }
}
