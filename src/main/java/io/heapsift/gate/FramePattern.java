package io.heapsift.gate;

import io.heapsift.event.Frame;

import java.util.regex.Pattern;

/**
 * One frame line of a valgrind suppression: {@code fun:GLOB} (function), {@code obj:GLOB} (object path),
 * {@code src:FILE[:LINE]} (source file name), or {@code ...} (any number of frames).
 *
 * @param type the kind of line
 * @param text the pattern as written (after the prefix)
 */
public record FramePattern(Type type, String text, Pattern glob) {

    /** Line kinds. */
    public enum Type { FUN, OBJ, SRC, ANY }

    public static FramePattern of(Type type, String text) {
        return new FramePattern(type, text, type == Type.ANY ? null : Glob.compile(text));
    }

    /** The line as valgrind writes it. */
    public String line() {
        return switch (type) {
            case FUN -> "fun:" + text;
            case OBJ -> "obj:" + text;
            case SRC -> "src:" + text;
            case ANY -> "...";
        };
    }

    boolean matches(Frame f) {
        return switch (type) {
            case FUN -> glob.matcher(f.function()).matches() || glob.matcher(StackKeys.name(f)).matches();
            case OBJ -> f.module() != null && glob.matcher(f.module()).matches();
            case SRC -> f.file() != null && (glob.matcher(StackKeys.basename(f.file())).matches()
                    || glob.matcher(StackKeys.basename(f.file()) + ":" + f.fileLine()).matches());
            case ANY -> true;
        };
    }

    /** True for a literal allocator function ({@code fun:malloc}, {@code fun:_Znwm}, ...). */
    boolean isAllocator() {
        return type == Type.FUN && StackKeys.isAllocator(Frame.of(text));
    }
}
