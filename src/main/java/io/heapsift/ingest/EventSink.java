package io.heapsift.ingest;

import io.heapsift.event.TraceEvent;

/** Receives the event stream of one trace, in input order. */
@FunctionalInterface
public interface EventSink {

    void accept(TraceEvent event);

    /** Called once after the last event. */
    default void end() {
    }

    /** A sink that sends every event to both sinks. */
    static EventSink tee(EventSink a, EventSink b) {
        return new EventSink() {
            @Override
            public void accept(TraceEvent event) {
                a.accept(event);
                b.accept(event);
            }

            @Override
            public void end() {
                a.end();
                b.end();
            }
        };
    }
}
