package io.heapsift.cli;

import io.heapsift.ingest.EventSink;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Runs ingestion for a command and turns input problems into messages (never stack traces). */
final class Inputs {

    private final InputOptions options;
    private final picocli.CommandLine commandLine;
    private final PrintWriter err;
    private final Ingest ingest = Ingest.standard();

    Inputs(InputOptions options, picocli.CommandLine commandLine) {
        this.options = options;
        this.commandLine = commandLine;
        this.err = commandLine.getErr();
    }

    /** Fails with a usage error if --format names no known format. */
    void checkFormat() {
        if (options.format != null && ingest.registry().byId(options.format).isEmpty()) {
            throw new picocli.CommandLine.ParameterException(commandLine,
                    "unknown --format '" + options.format + "'; known formats: " + ingest.registry().ids());
        }
    }

    /** Parses one file; returns null (after printing why) if the input is unusable. */
    ParseSummary parse(Path file, EventSink sink) {
        checkFormat();
        try {
            ParseSummary s = ingest.parse(file, options.format, sink);
            report(s);
            return s;
        } catch (TraceInputException e) {
            err.println("heapsift: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** Prints the first skipped-line messages and, with --strict, says the input fails. */
    void report(ParseSummary s) {
        if (s.skipped() == 0) return;
        int shown = 0;
        for (var d : s.messages()) {
            if (shown++ >= 5) break;
            err.println(d);
        }
        err.printf("%s: %d of %d lines skipped (%s)%n", s.source(), s.skipped(), s.lines(), s.skippedByReason());
        err.flush();
    }

    /** Exit code for a parsed input under --strict. */
    ExitCode verdict(ParseSummary s) {
        if (s == null) return ExitCode.INPUT_ERROR;
        if (options.strict && s.skipped() > 0) return ExitCode.INPUT_ERROR;
        return ExitCode.OK;
    }
}
