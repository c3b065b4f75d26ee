package io.heapsift.cli;

import io.heapsift.gate.Gate;
import io.heapsift.gate.TraceVerdict;
import io.heapsift.ingest.EventSink;
import io.heapsift.ingest.Ingest;
import io.heapsift.ingest.ParseSummary;
import io.heapsift.ingest.TraceInputException;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.replay.ReplayOptions;
import io.heapsift.replay.ReplayResult;
import io.heapsift.replay.Replayer;
import io.heapsift.replay.Scenario;
import io.heapsift.table.OutstandingTable;
import io.heapsift.table.TableMode;
import io.heapsift.table.TableResult;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads each trace once (table, and a model replay when a rule needs one) and asks the gate for a verdict. */
final class GateRunner {

    private final InputOptions options;
    private final CommandLine commandLine;
    private final Gate gate;
    private final Ingest ingest = Ingest.standard();

    GateRunner(InputOptions options, CommandLine commandLine, Gate gate) {
        this.options = options;
        this.commandLine = commandLine;
        this.gate = gate;
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
        OutstandingTable table = new OutstandingTable();
        Replayer replayer = gate.rules().needsReplay() ? replayer() : null;
        EventSink sink = replayer == null ? table : EventSink.tee(table, replayer);
        ParseSummary s;
        try {
            s = ingest.parse(file, options.format, sink);
        } catch (TraceInputException ex) {
            return TraceVerdict.unusable(file, ex.rawMessage() == null ? ex.getMessage() : positioned(ex));
        }
        if (options.strict && s.skipped() > 0) {
            return TraceVerdict.unusable(file, s.skipped() + " of " + s.lines() + " lines skipped with --strict ("
                    + s.skippedByReason() + ")");
        }
        TableResult t = table.result();
        String empty = emptiness(s, t);
        if (empty != null) return TraceVerdict.unusable(file, empty);
        ReplayResult replay = replayer != null && t.mode() == TableMode.EVENTS && t.counts().allocs() > 0
                ? replayer.result() : null;
        return gate.evaluate(file, s.formatId(), t, replay);
    }

    private static String positioned(TraceInputException ex) {
        return (ex.line() > 0 ? "line " + ex.line() + ": " : "") + ex.rawMessage();
    }

    /**
     * A capture that says nothing about the heap is not a pass: an event trace without a single call, memleak
     * output without a snapshot, or a memcheck text log without its HEAP SUMMARY (the run did not end normally).
     * valgrind's XML has no heap summary, and a leak-free run has no leak record in it: that passes.
     */
    static String emptiness(ParseSummary s, TableResult t) {
        if (t.mode() != TableMode.EMPTY) return null;
        String id = s.formatId() == null ? "" : s.formatId().toLowerCase(Locale.ROOT);
        if (id.equals("valgrind-memcheck-xml")) return null;
        if (id.equals("valgrind-memcheck")) {
            return t.toolHeapSummary() != null || !t.toolLeakSummary().isEmpty() ? null
                    : "no HEAP SUMMARY in this memcheck log: the run did not finish (crashed, killed, or cut short)";
        }
        return "no allocation data in this " + s.formatId() + " capture: nothing was traced";
    }

    private static Replayer replayer() {
        Scenario s = Scenario.defaults();
        return new Replayer(new PtmallocModel(s.config()), s.trim().applyTo(ReplayOptions.defaults().withPlacement(false)),
                s.label());
    }
}
