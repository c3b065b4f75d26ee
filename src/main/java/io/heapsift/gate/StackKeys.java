package io.heapsift.gate;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The program's part of a stack, and the stable key built from it.
 *
 * <p>Captures of one program by different tools disagree on the edges of a stack: valgrind starts with its
 * replacement {@code malloc}, bpftrace and memleak start at the allocator's caller, C++ stacks start in
 * {@code operator new} and std:: templates, and all end in {@code __libc_start_call_main} or
 * {@code (below main)}. The program frames are what is left: leading allocator, runtime-library and
 * std:: frames and trailing process/thread start frames are dropped (when nothing would be left, the
 * whole stack is kept). The key is their function names only (no offsets, addresses, lines or paths;
 * an unknown frame is {@code [module basename]} or {@code [unknown]}), at most {@link #KEY_FRAMES} of
 * them, joined by {@code " ← "}: stable across builds and, mostly, across capture tools.
 */
public final class StackKeys {

    /** Frames in a key: tools truncate deep stacks at different depths. */
    public static final int KEY_FRAMES = 8;
    /** Separator of frames in keys and messages, innermost first. */
    public static final String ARROW = " ← ";
    /** Key of an event without a stack. */
    public static final String NO_STACK = "<no stack>";

    static final Set<String> ALLOCATORS = Set.of("malloc", "calloc", "realloc", "reallocarray", "free", "memalign",
            "posix_memalign", "aligned_alloc", "valloc", "pvalloc", "__libc_malloc", "__libc_calloc",
            "__libc_realloc", "__libc_memalign", "__posix_memalign", "_Znwm", "_Znam", "_ZnwmSt11align_val_t",
            "_ZnamSt11align_val_t", "_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t", "mmap", "mmap64", "__mmap",
            "strdup", "__strdup", "strndup", "__strndup");
    private static final Pattern OPERATOR_NEW = Pattern.compile("^operator new(\\[\\])?\\(.*");
    private static final Pattern RUNTIME_MODULE = Pattern.compile(
            "(^|/)(libc|libm|libdl|librt|libpthread|ld-linux[^/]*|ld64|libstdc\\+\\+|libgcc_s|vgpreload_[^/]*)([.-][^/]*)?$");
    private static final Set<String> START_FRAMES = Set.of("__libc_start_call_main", "__libc_start_main",
            "__libc_start_main_impl", "_start", "(below main)", "start_thread", "clone", "clone3", "__clone",
            "__clone3", "__clone_internal");
    private static final Pattern MANGLED_STD = Pattern.compile("^_ZN?K?(St|9__gnu_cxx|10__cxxabiv1)");
    private static final Pattern STD = Pattern.compile("^(\\S+[ &*]+)?(std|__gnu_cxx|__cxxabiv1)::.*");

    private StackKeys() {
    }

    /** The program frames of a stack, innermost first (see the class comment). */
    public static List<Frame> programFrames(Stack stack) {
        List<Frame> f = stack.frames();
        int end = f.size();
        while (end > 0 && isStart(f.get(end - 1))) end--;
        int start = 0;
        while (start < end && isRuntime(f.get(start))) start++;
        if (start == end) start = 0;
        if (end == 0) end = f.size();
        return f.subList(start, end);
    }

    private static boolean isStart(Frame f) {
        if (START_FRAMES.contains(name(f))) return true;
        return f.isUnknown() && f.module() != null && RUNTIME_MODULE.matcher(f.module()).find();
    }

    /** The stable key of a stack. */
    public static String key(Stack stack) {
        if (stack.isEmpty()) return NO_STACK;
        List<Frame> frames = programFrames(stack);
        List<String> names = new ArrayList<>();
        for (Frame fr : frames) {
            if (names.size() == KEY_FRAMES) break;
            names.add(keyName(fr));
        }
        return String.join(ARROW, names);
    }

    /** The program frames for people, innermost first: {@code leaf_alloc ← mid ← main}. */
    public static String display(Stack stack) {
        if (stack.isEmpty()) return NO_STACK;
        List<String> names = new ArrayList<>();
        for (Frame fr : programFrames(stack)) names.add(keyName(fr));
        return String.join(ARROW, names);
    }

    /** The function name of a frame as keys and suppressions see it ({@code __GI_} aliases and symbol versions removed). */
    public static String name(Frame f) {
        String n = f.function();
        int at = n.indexOf('@');
        if (at > 0 && !n.startsWith("operator")) n = n.substring(0, at);
        if (n.startsWith("__GI_")) n = n.substring(5);
        return n;
    }

    static String keyName(Frame f) {
        if (!f.isUnknown()) return name(f);
        return f.module() == null ? Frame.UNKNOWN_FUNCTION : "[" + basename(f.module()) + "]";
    }

    static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** True for allocator entry points (valgrind's replacements included). */
    static boolean isAllocator(Frame f) {
        String n = name(f);
        return ALLOCATORS.contains(n) || OPERATOR_NEW.matcher(n).matches();
    }

    static boolean isRuntime(Frame f) {
        if (isAllocator(f)) return true;
        if (f.module() != null && RUNTIME_MODULE.matcher(f.module()).find()) return true;
        if (f.isUnknown()) return false;
        String n = name(f);
        return STD.matcher(withoutTemplates(n)).matches() || MANGLED_STD.matcher(n).find();
    }

    private static String withoutTemplates(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' && depth == 0 && !s.startsWith("operator", Math.max(0, i - 8))) break;
            if (c == '<') depth++;
            else if (c == '>' && depth > 0) depth--;
            else if (depth == 0) sb.append(c);
        }
        return sb.toString();
    }
}
