package io.heapsift.ingest.ltrace;

/**
 * The allocator entry points ltrace can show, whatever their spelling: plain C names (also the
 * glibc-internal {@code __libc_malloc} aliases), C++ operators mangled ({@code _Znwm},
 * {@code _ZdlPvmSt11align_val_t}, ...) or demangled with {@code -C}
 * ({@code operator new[](unsigned long)}, ...). Everything else is {@link #OTHER}.
 */
enum AllocFunction {
    MALLOC, CALLOC, REALLOC, REALLOCARRAY, FREE, POSIX_MEMALIGN, ALIGNED_ALLOC, MEMALIGN, VALLOC, PVALLOC,
    NEW, NEW_ARRAY, DELETE, DELETE_ARRAY, MALLOC_TRIM, MALLOPT, MALLINFO, OTHER;

    /** A classified name: the function plus the C++ overload facts that move arguments around. */
    record Signature(AllocFunction function, boolean aligned, boolean sized) {
        static final Signature OTHER_CALL = new Signature(OTHER, false, false);

        boolean isAllocator() {
            return function != OTHER;
        }
    }

    /** Classifies a function name as ltrace printed it (no caller, no {@code @lib}). */
    static Signature classify(String name) {
        AllocFunction c = cName(name.startsWith("__libc_") ? name.substring(7) : name);
        if (c != null) return new Signature(c, false, false);
        if (name.startsWith("_Z")) return mangled(name);
        if (name.startsWith("operator new") || name.startsWith("operator delete")) return demangled(name);
        return Signature.OTHER_CALL;
    }

    private static AllocFunction cName(String name) {
        return switch (name) {
            case "malloc" -> MALLOC;
            case "calloc" -> CALLOC;
            case "realloc" -> REALLOC;
            case "reallocarray" -> REALLOCARRAY;
            case "free", "cfree" -> FREE;
            case "posix_memalign", "__posix_memalign" -> POSIX_MEMALIGN;
            case "aligned_alloc" -> ALIGNED_ALLOC;
            case "memalign" -> MEMALIGN;
            case "valloc" -> VALLOC;
            case "pvalloc" -> PVALLOC;
            case "malloc_trim" -> MALLOC_TRIM;
            case "mallopt" -> MALLOPT;
            case "mallinfo", "mallinfo2" -> MALLINFO;
            default -> null;
        };
    }

    private static final String ALIGN = "St11align_val_t";
    private static final String NOTHROW = "RKSt9nothrow_t";

    /** {@code _Znw|_Zna} SIZE [align] [nothrow]; {@code _Zdl|_Zda} Pv [SIZE] [align] [nothrow]. */
    private static Signature mangled(String name) {
        if (name.length() < 5) return Signature.OTHER_CALL;
        String head = name.substring(0, 4);
        String rest = name.substring(4);
        boolean isNew = head.equals("_Znw") || head.equals("_Zna");
        boolean isDelete = head.equals("_Zdl") || head.equals("_Zda");
        if (isNew && isSizeType(rest.charAt(0))) return overloads(head.equals("_Znw") ? NEW : NEW_ARRAY, rest.substring(1), false);
        if (isDelete && rest.startsWith("Pv")) {
            String more = rest.substring(2);
            boolean sized = !more.isEmpty() && isSizeType(more.charAt(0));
            return overloads(head.equals("_Zdl") ? DELETE : DELETE_ARRAY, sized ? more.substring(1) : more, sized);
        }
        return Signature.OTHER_CALL;
    }

    private static Signature overloads(AllocFunction f, String tail, boolean sized) {
        boolean aligned = tail.startsWith(ALIGN);
        String after = aligned ? tail.substring(ALIGN.length()) : tail;
        if (!after.isEmpty() && !after.equals(NOTHROW)) return Signature.OTHER_CALL;
        return new Signature(f, aligned, sized);
    }

    /** size_t is {@code m} (unsigned long) on LP64, {@code j} (unsigned int) on 32-bit, {@code y} on LLP64. */
    private static boolean isSizeType(char c) {
        return c == 'm' || c == 'j' || c == 'y';
    }

    /** {@code operator new(unsigned long, std::align_val_t)}, {@code operator delete[](void*, unsigned long)}, ... */
    private static Signature demangled(String name) {
        boolean isNew = name.startsWith("operator new");
        String rest = name.substring(isNew ? 12 : 15);
        boolean array = rest.startsWith("[]");
        if (array) rest = rest.substring(2);
        if (!rest.startsWith("(") || !rest.endsWith(")")) return Signature.OTHER_CALL;
        String[] params = rest.substring(1, rest.length() - 1).split(", ");
        int i = 1;
        if (isNew ? !isSizeParam(params[0]) : !params[0].equals("void*")) return Signature.OTHER_CALL;
        boolean sized = !isNew && i < params.length && isSizeParam(params[i]);
        if (sized) i++;
        boolean aligned = i < params.length && params[i].equals("std::align_val_t");
        if (aligned) i++;
        if (i < params.length && params[i].equals("std::nothrow_t const&")) i++;
        if (i != params.length) return Signature.OTHER_CALL;
        AllocFunction f = isNew ? (array ? NEW_ARRAY : NEW) : (array ? DELETE_ARRAY : DELETE);
        return new Signature(f, aligned, sized);
    }

    private static boolean isSizeParam(String p) {
        return p.equals("unsigned long") || p.equals("unsigned int") || p.equals("unsigned long long");
    }
}
