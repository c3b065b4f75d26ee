package io.heapsift.report;

import io.heapsift.analysis.AnalysisResult;
import io.heapsift.analysis.Suspect;
import io.heapsift.event.Frame;
import io.heapsift.event.Stack;

import java.io.PrintWriter;
import java.util.List;

/**
 * Folded stacks for flamegraph.pl and speedscope: {@code outer;...;inner bytes}, one line per stack with outstanding
 * bytes at the end. Frame names lose their ';' and line breaks (the format has no escaping).
 */
public final class FoldedWriter {

    public void write(AnalysisResult r, PrintWriter out) {
        for (Suspect s : r.suspects()) {
            long v = s.bytes() + s.indirectBytes();
            if (v > 0) out.println(line(s.stack()) + " " + v);
        }
        out.flush();
    }

    /** One stack, outermost frame first. */
    public static String line(Stack stack) {
        List<Frame> frames = stack.frames();
        if (frames.isEmpty()) return "[no stack]";
        StringBuilder sb = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (sb.length() > 0) sb.append(';');
            sb.append(clean(frames.get(i).function()));
        }
        return sb.toString();
    }

    static String clean(String name) {
        if (name == null || name.isEmpty()) return "[unknown]";
        return name.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
    }
}
