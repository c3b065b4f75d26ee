package io.heapsift.cli;

import io.heapsift.ingest.ParseSummary;
import io.heapsift.report.EventPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code heapsift events}: the normalized event stream, for debugging a capture or a parser. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {
            "Print the normalized event stream of a capture, one event a line:",
            "  LINE <TAB> KIND [t=NS] [tid=N] fields... [stack=#ID [= frames]]",
            "A stack is printed in full the first time it is used, then by id.",
            "The line accounting (lines, events, skipped) goes to standard error."})
public final class EventsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "One capture file.")
    Path trace;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs inputs = new Inputs(input, spec.commandLine());
        ParseSummary s = inputs.parse(trace, new EventPrinter(out));
        out.flush();
        if (s != null) {
            err.printf("%s: %s%s: %d lines, %d events, %d skipped%n", s.source(), s.formatId(),
                    s.variant() == null ? "" : " (" + s.variant() + ")", s.lines(), s.events(), s.skipped());
            err.flush();
        }
        return inputs.verdict(s).code();
    }
}
