/**
 * A chunk-level model of glibc 2.36 malloc (ptmalloc2, x86_64), built from design/ptmalloc.md and the glibc
 * sources, checked against glibc on the project machine (tests quote every oracle of ptmalloc.md §18 plus
 * address-level, malloc_info/malloc_stats and wl_random/wl_realloc workloads).
 *
 * <p><b>Modelled exactly</b> (same decisions, same chunk addresses relative to the heap start): request2size and
 * MINSIZE; per-thread tcache (64 bins × tcache_count, LIFO; only malloc pops; refills from fastbin, smallbin and
 * unsorted exact fits; tcache_unsorted_limit; the 656-byte tcache_perthread_struct allocated at a thread's first
 * malloc/calloc/realloc/free and freed at thread exit after the cached chunks); fastbins with
 * malloc_consolidate and its five triggers; the unsorted bin, small bins, large bins with size-group skip lists,
 * last_remainder, binmap scan order, MAX_ITERS; boundary-tag coalescing; top growth via brk with top_pad and
 * systrim (including its page rounding); direct mmap above mmap_threshold, the dynamic threshold (size word
 * incl. IS_MMAPPED, 32 MiB cap) and mmap_max; thread arenas (arena_test, arena_max or 8 × CPUs, free list,
 * round-robin reuse without contention), 64 MiB-aligned heaps with the 2256/48-byte headers, grow_heap,
 * new_heap, fenceposts, heap_trim (deletion and shrink_heap by madvise); frees to the owning arena after the
 * freeing thread's tcache; realloc (in place, into top, into a free successor, move, mremap, shrink remainder);
 * calloc (never tcache; clears only below the high-water mark); memalign, posix_memalign, aligned_alloc, valloc,
 * pvalloc (incl. pvalloc's rounding quirk); malloc_trim (consolidate, madvise, main-arena systrim); mallopt
 * (consolidates main first; M_* numbers and ranges); perturb; mallinfo2, malloc_stats, malloc_info.
 *
 * <p><b>Not modelled</b>: lock contention (arena choice assumes every trylock succeeds; concurrent interleaving
 * is whatever order the calls are given in); sbrk failure and the mmap-as-morecore fallback (brk always
 * succeeds, so the main arena stays contiguous); foreign sbrk; failing mmap/mremap (only a 47-bit address-space
 * cap); hugetlb/THP tunables; malloc_check / mtag; fork; realloc's retry in another arena after ENOMEM;
 * the absolute position of mmaps and thread heaps (only offsets are faithful). Memory is not tagged by
 * content, so RSS is an estimate: a page-touch model (allocator metadata writes + a program-write policy,
 * {@link io.heapsift.model.glibc.ModelConfig#touchBytes()}), released by systrim, munmap, mremap shrink,
 * malloc_trim's and shrink_heap's madvise, and heap deletion.
 *
 * <p>Layout: {@link io.heapsift.model.glibc.PtmallocModel} (public entry points, threads, arenas, statistics)
 * over {@code Engine} (the malloc.c/arena.c algorithms), {@code Arena} (bins), {@code Heap} (regions and page
 * residency), {@code Chunk} (pooled, physically linked), {@code ChunkTable} (live chunks by address, built on
 * the first lookup by address; or by the caller's key), {@code KeyedChunks} (the replay's live-block table kept in
 * the chunks: trace address → chunk, so a replayed free costs one small-table probe), {@code Retention}
 * (free-memory attribution) and {@code GlibcReports} (malloc_info/malloc_stats text).
 */
package io.heapsift.model.glibc;
