package io.heapsift.cli;

import picocli.CommandLine.Command;

/** The root command: only subcommands. */
@Command(name = "heapsift", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, versionProvider = VersionProvider.class,
        description = {
            "RSS keeps growing: is it a leak, or is it the allocator?",
            "",
            "heapsift reads malloc/free captures made by bcc memleak, valgrind (memcheck text, XML,",
            "--trace-malloc), ltrace and its own bpftrace script, and builds the table of outstanding",
            "allocations per call stack. The capture format is detected from the content;",
            ".gz, .zst, .xz and .bz2 files are read directly.",
            "",
            "Start with:  heapsift analyze CAPTURE      (the verdict: leak, growth, fragmentation or clean)",
            "             heapsift report DIR -o OUT    (a batch report over many captures)",
            "             heapsift table CAPTURE        (what is still allocated, by stack)",
            "             heapsift replay CAPTURE       (live memory vs what glibc malloc retains)",
            "             heapsift formats              (what heapsift can read, and how to capture it)",
            "             heapsift capture-script       (the bpftrace capture script)",
            "             heapsift gate TRACE|DIR...    (CI: fail on leaks, growth, retention; JUnit/SARIF)"},
        subcommands = {AnalyzeCommand.class, ReportCommand.class, TableCommand.class, ReplayCommand.class, GateCommand.class, DiffCommand.class, EventsCommand.class, FormatsCommand.class, CaptureScriptCommand.class,
            picocli.CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug: please report it with the input)",
            "2:usage error (bad option or argument)",
            "3:unreadable or unrecognized input, or skipped lines with --strict",
            "4:gate failed (heapsift gate: a trace broke a rule)"})
public final class HeapsiftCommand {
}
