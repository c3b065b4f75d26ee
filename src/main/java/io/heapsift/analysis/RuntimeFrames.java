package io.heapsift.analysis;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;

import java.util.List;

/**
 * Recognises the C and C++ runtime's own one-time allocations, which every program leaves behind and no program can
 * free: stdio buffers, dynamic-linker and TLS blocks (one DTV per thread), thread stacks and arena heaps as memleak
 * sees them, locale and iconv data, libstdc++'s emergency exception pool. They must not make a tidy program a LEAK.
 */
final class RuntimeFrames {

    /** Function names (or prefixes ending in '*') that mark a runtime allocation when they appear in the stack. */
    private static final List<String> NAMES = List.of(
            "_IO_file_doallocate", "_IO_*", "__GI__IO_*", "allocate_dtv", "_dl_*", "__tls_get_addr", "__libc_*",
            "pthread_create*", "allocate_stack", "alloc_new_heap", "new_heap", "_int_new_arena", "arena_get2*",
            "tcache_init", "_nl_*", "setlocale", "__gconv*", "__tzfile_read", "tzset*", "__cxa_*",
            "__gnu_cxx::__freeres", "(anonymous namespace)::pool::pool*", "_GLOBAL__sub_I_eh_alloc.cc", "__static_initialization_and_destruction*",
            "std::locale::*", "__new_exitfn", "atexit", "__cxa_atexit", "__register_atfork", "getpwnam*", "__nss_*",
            "nss_*",
            // stdio calls whose own malloc is the stream's buffer (seen as the caller of malloc when the capture has
            // no frames inside libc: ltrace -x, which names the program's PLT call around libc's malloc)
            "printf", "fprintf", "vprintf", "vfprintf", "__printf_chk", "__fprintf_chk", "__vprintf_chk",
            "__vfprintf_chk", "puts", "fputs*", "putc", "putc_unlocked", "putchar*", "fputc*", "fwrite*", "fgets*",
            "__fgets*", "fgetc*", "getc", "getc_unlocked", "getchar*", "fread*", "__fread*", "ungetc", "setvbuf",
            "wprintf", "fwprintf", "vwprintf", "vfwprintf", "putwc*", "fputw*", "fgetw*", "getwc*");

    private RuntimeFrames() {
    }

    /**
     * True if, walking from the allocation outwards, a runtime function comes before any program function (main or
     * the program's entry are reached first for the program's own blocks). Unresolved frames are skipped.
     */
    static boolean isRuntime(Stack stack) {
        for (Frame f : stack.frames()) {
            String fn = f.function();
            if (fn == null || f.isUnknown() || isAllocator(fn)) continue;
            if (fn.equals("main") || fn.startsWith("__libc_start")) return false;
            if (matches(fn)) return true;
            return false; // the first resolved non-allocator frame is the program's
        }
        return false;
    }

    private static boolean matches(String fn) {
        for (String n : NAMES) {
            if (n.endsWith("*") ? fn.startsWith(n.substring(0, n.length() - 1)) : fn.equals(n)) return true;
        }
        return false;
    }

    /** The allocator's own entry frames, which some tools print at the top of each stack. */
    static boolean isAllocator(String fn) {
        return fn.equals("malloc") || fn.equals("calloc") || fn.equals("realloc") || fn.equals("free")
                || fn.startsWith("operator new") || fn.startsWith("_Znw") || fn.startsWith("_Zna")
                || fn.equals("memalign") || fn.equals("posix_memalign") || fn.equals("aligned_alloc")
                || fn.equals("valloc") || fn.equals("__libc_malloc") || fn.equals("__GI___libc_malloc")
                || fn.equals("strdup") || fn.equals("__strdup") || fn.equals("__GI___strdup")
                || fn.startsWith("std::allocator") || fn.startsWith("std::__new_allocator")
                || fn.startsWith("_ZNSt") || fn.startsWith("__gnu_cxx::new_allocator");
    }

    /**
     * True for the C++ standard library's own templates (containers, allocators, strings): {@code std::…} and
     * {@code __gnu_cxx::…}, also behind a demangled return type ({@code void std::vector<…>::_M_realloc_insert…}).
     */
    static boolean isLibraryInternal(String fn) {
        if (fn == null) return false;
        String f = fn;
        int paren = f.indexOf('(');
        int sp = f.indexOf(' ');
        int angle = f.indexOf('<');
        // "double& std::vector<…>::emplace_back…": a return type before the qualified name
        if (sp > 0 && (paren < 0 || sp < paren) && (angle < 0 || sp < angle)) f = f.substring(sp + 1);
        return f.startsWith("std::") || f.startsWith("__gnu_cxx::") || f.startsWith("__cxx11::");
    }

    /** True if some frame names a thread's start routine (the block was allocated on a thread). */
    static boolean onThread(Stack stack) {
        for (Frame f : stack.frames()) {
            String fn = f.function();
            if (fn != null && (fn.equals("start_thread") || fn.equals("clone3") || fn.equals("clone"))) return true;
        }
        return false;
    }
}
