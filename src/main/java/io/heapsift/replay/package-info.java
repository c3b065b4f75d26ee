/**
 * Allocator replay: drives an {@link io.heapsift.model.AllocatorModel} with a trace's event stream
 * ({@link io.heapsift.replay.Replayer}), samples the footprint over time, measures how faithfully the model
 * reproduces glibc (chunk placement against the trace's own addresses, mallinfo2 at checkpoints against the
 * workload's ground-truth TSV), charges retained memory to the stacks whose live chunks pin it, and runs the same
 * trace under several allocator configurations (what-if).
 *
 * <p>Sits beside {@code table} in the pipeline ({@code ingest → event → table|model|replay → report → cli});
 * it reads only {@code event} and {@code model} types and knows no capture format.
 */
package io.heapsift.replay;
