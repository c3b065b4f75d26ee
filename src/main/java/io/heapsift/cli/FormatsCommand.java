package io.heapsift.cli;

import io.heapsift.ingest.FormatRegistry;
import io.heapsift.ingest.TraceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code heapsift formats}: the capture formats heapsift reads. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "List the capture formats heapsift reads (ids for --format), and how to capture each.")
public final class FormatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (TraceFormat f : FormatRegistry.load().formats()) {
            out.printf("%-24s %s%n", f.id(), f.description());
        }
        out.println();
        out.println("Capture commands (see docs/capture.md):");
        out.println("  valgrind --leak-check=full --show-leak-kinds=all --log-file=x.memcheck.txt ./prog");
        out.println("  valgrind --leak-check=full --show-leak-kinds=all --xml=yes --xml-file=x.memcheck.xml ./prog");
        out.println("  valgrind --trace-malloc=yes --log-file=x.tracemalloc.txt ./prog");
        out.println("  ltrace -f -tt -e malloc+free+calloc+realloc+posix_memalign+aligned_alloc -o x.ltrace ./prog");
        out.println("  memleak-bpfcc -a -c ./prog 1 10 > x.memleak");
        out.println("  heapsift capture-script > heapsift.bt && BPFTRACE_PERF_RB_PAGES=32768 bpftrace --unsafe heapsift.bt -c ./prog -o x.bpftrace");
        out.flush();
        return 0;
    }
}
