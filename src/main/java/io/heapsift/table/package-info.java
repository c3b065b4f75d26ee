/**
 * The outstanding-allocation table: live blocks by address, rolled up by interned stack
 * (bytes, blocks, allocation count, first/last seen, peak), the per-snapshot series of snapshot
 * formats, and the leak records of valgrind by kind. Reads only {@link io.heapsift.event} types.
 */
package io.heapsift.table;
