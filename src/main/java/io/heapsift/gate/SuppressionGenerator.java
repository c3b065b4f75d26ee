package io.heapsift.gate;

import io.heapsift.event.Frame;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --gen-suppressions}: ready-to-commit suppressions for the leaks that are not suppressed yet, in
 * valgrind's block format (with {@code match-leak-kinds} when the input has kinds; the allocator frame when the
 * tool showed it; {@code obj:} for frames without a symbol) and in LeakSanitizer's {@code leak:} form (the
 * innermost program function). Frames are function names only, so they survive rebuilds.
 */
public final class SuppressionGenerator {

    public void write(GateReport r, PrintWriter out) {
        Set<String> blocks = new LinkedHashSet<>(), lsan = new LinkedHashSet<>();
        for (TraceVerdict t : r.traces()) {
            for (Leak l : t.leaks()) {
                if (l.stack().isEmpty()) continue;
                blocks.add(valgrind(l));
                lsan.add(lsan(l));
            }
        }
        out.println("# heapsift gate --gen-suppressions: valgrind format (--suppressions=FILE, or heapsift gate --suppressions FILE)");
        for (String b : blocks) out.print(b);
        out.println("# LeakSanitizer format: put these lines in their own file (LSAN_OPTIONS=suppressions=FILE,"
                + " or heapsift gate --suppressions FILE)");
        for (String s : lsan) out.println(s);
        out.flush();
    }

    static String valgrind(Leak l) {
        StringBuilder sb = new StringBuilder("{\n");
        List<Frame> program = StackKeys.programFrames(l.stack());
        sb.append("   heapsift:").append(l.kindName()).append(':').append(StackKeys.keyName(program.get(0))).append('\n');
        sb.append("   Memcheck:Leak\n");
        if (l.kind() != null) sb.append("   match-leak-kinds: ").append(l.kind().jsonName()).append('\n');
        List<Frame> all = l.stack().frames();
        int first = all.indexOf(program.get(0));
        for (int i = 0; i < first; i++) {
            if (StackKeys.isAllocator(all.get(i))) sb.append("   ").append(line(all.get(i))).append('\n');
        }
        int n = 0;
        for (Frame f : program) {
            if (n++ == StackKeys.KEY_FRAMES) break;
            sb.append("   ").append(line(f)).append('\n');
        }
        return sb.append("}\n").toString();
    }

    private static String line(Frame f) {
        if (!f.isUnknown()) return "fun:" + StackKeys.name(f);
        return f.module() == null ? "fun:*" : "obj:*" + StackKeys.basename(f.module());
    }

    static String lsan(Leak l) {
        Frame top = StackKeys.programFrames(l.stack()).get(0);
        if (!top.isUnknown()) return "leak:" + StackKeys.name(top);
        return top.module() == null ? "# (no symbol: " + l.key() + ")" : "leak:" + StackKeys.basename(top.module());
    }
}
