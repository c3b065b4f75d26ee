/**
 * The normalized event model every capture format is turned into: allocations, frees, reallocs,
 * snapshot boundaries, leak records, tool summaries and process/thread lifecycle.
 *
 * <p>Stage one of the pipeline ({@code ingest → event → table/model → analysis → report/gate → cli}).
 * Nothing here knows a capture format, ANTLR or I/O. Events are immutable records; stacks are
 * interned once per trace ({@link io.heapsift.event.Stacks}) so later stages compare them by identity.
 */
package io.heapsift.event;
