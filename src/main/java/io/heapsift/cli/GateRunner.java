package io.heapsift.cli;

import io.heapsift.gate.Gate;
import io.heapsift.gate.TraceVerdict;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Analyses each trace exactly as {@code heapsift analyze} does (one ingest pass: table, per-stack series, replay;
 * no what-ifs) and asks the gate for a verdict on the analysis.
 */
final class GateRunner {

    private final InputOptions options;
    private final CommandLine commandLine;
    private final Gate gate;
    private final Ingest ingest = Ingest.standard();
    private final TraceAnalysis analysis;

    GateRunner(InputOptions options, CommandLine commandLine, Gate gate) {
        this.options = options;
        this.commandLine = commandLine;
        this.gate = gate;
        this.analysis = new TraceAnalysis(options.format, false);
    }

    List<TraceVerdict> run(List<Path> args) {
        if (options.format != null && ingest.registry().byId(options.format).isEmpty()) {
            throw new CommandLine.ParameterException(commandLine,
                    "unknown --format '" + options.format + "'; known formats: " + ingest.registry().ids());
        }
        List<TraceVerdict> out = new ArrayList<>();
        for (TraceFiles.Expanded e : TraceFiles.expand(args)) {
            if (e.error() != null) {
                out.add(TraceVerdict.unusable(e.argument(), e.error()));
                continue;
            }
            for (Path p : e.files()) out.add(one(p));
        }
        return out;
    }

    private TraceVerdict one(Path file) {
        TraceAnalysis.Outcome o;
        try {
            o = analysis.run(file, null, null);
        } catch (TraceInputException ex) {
            return TraceVerdict.unusable(file, ex.rawMessage() == null ? ex.getMessage() : positioned(ex));
        }
        ParseSummary s = o.parse();
        if (options.strict && s.skipped() > 0) {
            return TraceVerdict.unusable(file, s.skipped() + " of " + s.lines() + " lines skipped with --strict ("
                    + s.skippedByReason() + ")");
        }
        if (o.result().killedBy() != null) {
            return TraceVerdict.unusable(file, "the traced program was killed by " + o.result().killedBy()
                    + ": a crashed run cannot show what it would have freed (fix the crash, or capture again)");
        }
        return gate.evaluate(file, o.result());
    }

    private static String positioned(TraceInputException ex) {
        return (ex.line() > 0 ? "line " + ex.line() + ": " : "") + ex.rawMessage();
    }

}
