/**
 * Allocator models: a faithful simulation of glibc 2.36 ptmalloc2 (x86_64) that replays a trace's
 * allocation calls, placing chunks the way glibc does, to tell live memory from memory the allocator
 * keeps (bins, fastbins, tcache, top below the trim threshold, holes pinned by live chunks, thread arenas).
 * Reads only {@link io.heapsift.event} types; knows no capture format.
 */
package io.heapsift.model;
