package io.heapsift.ingest.valgrind;

import io.heapsift.event.AllocKind;
import io.heapsift.event.FreeKind;

/**
 * What a {@code --trace-malloc=yes} line is, from the replaced function's name as valgrind prints it
 * (C++ operators stay mangled: {@code _Znwm}, {@code _ZdaPv}, {@code _ZnwmSt11align_val_t}, ...).
 */
enum TraceFunction {
    /** malloc-like: one size argument, a result. */
    ALLOC,
    /** {@code calloc(n,s)}. */
    CALLOC,
    /** aligned {@code operator new}: {@code (size S, al A)} before 3.27, {@code (S, A)} since. */
    ALIGNED_NEW,
    /** memalign / aligned_alloc: {@code (al A, size S)}, {@code (alignment A, size S)} or {@code (A, S)}. */
    MEMALIGN,
    /** posix_memalign: {@code (al A, size S)} or, since 3.27, {@code (0xMEMPTR, A, S)}. */
    POSIX_MEMALIGN,
    REALLOC,
    /** {@code reallocarray(p,n,s)}, whose result valgrind prints twice. */
    REALLOCARRAY,
    /** free and every delete: {@code (p)}, sized {@code (p, n)}, aligned {@code (p, [n,] a)}; no result. */
    FREE,
    /** malloc_usable_size / malloc_size: a query, no event. */
    USABLE_SIZE,
    /** {@code mallinfo()} / {@code mallinfo2()}: no result. */
    MALLINFO,
    MALLOPT,
    MALLOC_TRIM,
    /** Not an allocator function valgrind traces. */
    UNKNOWN;

    /** Classifies a traced function name. */
    static TraceFunction of(String name) {
        if (name.startsWith("_Znw") || name.startsWith("_Zna")) {
            return name.contains("St11align_val_t") ? ALIGNED_NEW : ALLOC;
        }
        if (name.startsWith("_Zdl") || name.startsWith("_Zda")) return FREE;
        return switch (name) {
            case "malloc", "valloc", "pvalloc", "builtin_new", "__builtin_new", "builtin_vec_new",
                 "__builtin_vec_new" -> ALLOC;
            case "calloc" -> CALLOC;
            case "memalign", "aligned_alloc" -> MEMALIGN;
            case "posix_memalign" -> POSIX_MEMALIGN;
            case "realloc", "reallocf" -> REALLOC;
            case "reallocarray" -> REALLOCARRAY;
            case "free", "cfree", "free_sized", "free_aligned_sized", "builtin_delete", "__builtin_delete",
                 "builtin_vec_delete", "__builtin_vec_delete" -> FREE;
            case "malloc_usable_size", "malloc_size" -> USABLE_SIZE;
            case "mallinfo", "mallinfo2" -> MALLINFO;
            case "mallopt" -> MALLOPT;
            case "malloc_trim" -> MALLOC_TRIM;
            default -> UNKNOWN;
        };
    }

    /** The allocation kind of an allocating function name. */
    static AllocKind allocKind(String name) {
        if (name.startsWith("_Znw") || name.contains("builtin_new") && !name.contains("vec")) return AllocKind.NEW;
        if (name.startsWith("_Zna") || name.contains("builtin_vec_new")) return AllocKind.NEW_ARRAY;
        return switch (name) {
            case "calloc" -> AllocKind.CALLOC;
            case "memalign" -> AllocKind.MEMALIGN;
            case "aligned_alloc" -> AllocKind.ALIGNED_ALLOC;
            case "posix_memalign" -> AllocKind.POSIX_MEMALIGN;
            case "valloc" -> AllocKind.VALLOC;
            case "pvalloc" -> AllocKind.PVALLOC;
            default -> AllocKind.MALLOC;
        };
    }

    /** The deallocation kind of a freeing function name. */
    static FreeKind freeKind(String name) {
        if (name.startsWith("_Zdl") || name.contains("builtin_delete") && !name.contains("vec")) return FreeKind.DELETE;
        if (name.startsWith("_Zda") || name.contains("builtin_vec_delete")) return FreeKind.DELETE_ARRAY;
        return FreeKind.FREE;
    }

    /** Sized deallocations print the size as their second argument (≥ 3.27): {@code _ZdlPvm(0x…, 4)}. */
    static boolean isSizedFree(String name) {
        return name.contains("Pvm") || name.contains("Pvj") || name.equals("free_sized")
                || name.equals("free_aligned_sized");
    }

    /** True for the calls that print no result and complete at once. */
    boolean completesWithoutResult() {
        return this == FREE || this == MALLINFO;
    }
}
