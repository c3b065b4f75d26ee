package io.heapsift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code heapsift capture-script}: prints the bundled bpftrace capture script. */
@Command(name = "capture-script", mixinStandardHelpOptions = true,
        description = {
            "Print heapsift's bpftrace capture script: uprobes on libc's malloc family that record",
            "every call with thread id, nanosecond time, size, glibc's returned address and the user",
            "stack. It is the most complete capture heapsift reads, and the one allocator replay",
            "trusts most. Usage (as root):",
            "  heapsift capture-script > heapsift.bt",
            "  BPFTRACE_PERF_RB_PAGES=32768 bpftrace --unsafe heapsift.bt -c './prog args' -o prog.bpftrace",
            "  (--unsafe: the script holds the process at exit until bpftrace has symbolised its stacks)",
            "  heapsift table prog.bpftrace",
            "See docs/formats/bpftrace.md for parameters (stack depth, attaching to a pid)."})
public final class CaptureScriptCommand implements Callable<Integer> {

    static final String RESOURCE = "/io/heapsift/capture/heapsift.bt";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (InputStream in = CaptureScriptCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                spec.commandLine().getErr().println("heapsift: the capture script is missing from this build");
                return ExitCode.INTERNAL_ERROR.code();
            }
            out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        out.flush();
        return 0;
    }
}
