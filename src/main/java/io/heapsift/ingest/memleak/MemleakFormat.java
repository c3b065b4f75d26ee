package io.heapsift.ingest.memleak;

import io.heapsift.ingest.LineReader;
import io.heapsift.ingest.ParseContext;
import io.heapsift.ingest.Sample;
import io.heapsift.ingest.TraceFormat;
import io.heapsift.ingest.TraceInput;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * bcc memleak, both the Python tool and libbpf-tools (format id {@code memleak}); the mode is reported
 * as the variant ("snapshots", "snapshots -a", "combined-only", "kernel", "trace (-t)", "libbpf-tools",
 * ...), the tool and version hints as facts.
 */
public final class MemleakFormat implements TraceFormat {

    /** The format id. */
    public static final String ID = "memleak";

    // formats.md §9 signatures
    private static final Pattern STARTUP = Pattern.compile(
            "^(Attaching to (pid \\d+|kernel allocators|malloc and free in pid \\d+|kmalloc and kfree), Ctrl\\+C to quit\\."
                    + "|Executing '.*' and tracing the resulting process\\."
                    + "|using default object: .*|Tracing outstanding memory allocs\\.\\.\\.  Hit Ctrl-C to end)$");
    private static final Pattern HEADER = Pattern.compile(
            "^(\\^C)?\\[\\d{1,2}:\\d{1,2}:\\d{1,2}\\] Top \\d+ stacks with outstanding allocations:$");
    private static final Pattern MESSAGE = Pattern.compile(
            "(alloc entered, size = \\d+|alloc exited, size = \\d+, result = [0-9a-f]+.*|free entered, address = [0-9a-f]+, size = \\d+)");
    private static final Pattern TUPLE = Pattern.compile(
            "^\\(b?['\"].*, \\d+, \\d+, b?['\"].*, [0-9.e+-]+, b?['\"]" + MESSAGE.pattern() + "['\"]\\)$");
    private static final Pattern PIPE = Pattern.compile(": (bpf_trace_printk|0x[0-9a-f]+): " + MESSAGE.pattern() + "$");
    private static final Pattern GROUP = Pattern.compile("^\\s*\\d+ bytes in \\d+ allocations from stack$");
    private static final Pattern TRACEBACK_FILE = Pattern.compile("^\\s+File \".*memleak[^\"]*\", line \\d+");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "bcc memleak (memleak.py / memleak-bpfcc snapshots, -a, --combined-only, -t; libbpf-tools memleak)";
    }

    @Override
    public int probe(Sample sample) {
        int best = 0;
        for (String line : sample.lines()) {
            best = Math.max(best, score(line));
            if (best >= 95) break;
        }
        return best;
    }

    private static int score(String line) {
        if (STARTUP.matcher(line).matches()) return 95;
        if (HEADER.matcher(line).matches() || TUPLE.matcher(line).matches()) return 90;
        if (PIPE.matcher(line).find()) return 80;
        if (GROUP.matcher(line).matches()) return 60;
        // memleak's own crash (stderr): still memleak's, though it holds no data
        if (TRACEBACK_FILE.matcher(line).find()) return 30;
        return 0;
    }

    @Override
    public void parse(TraceInput input, ParseContext ctx) throws IOException {
        MemleakEventBuilder builder = new MemleakEventBuilder(ctx);
        try (LineReader reader = input.lines(ctx.diagnostics())) {
            String line;
            while ((line = reader.next()) != null) {
                builder.accept(reader.lineNumber(), line);
            }
        }
        builder.finish();
    }
}
