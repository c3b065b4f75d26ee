package io.heapsift.cli;

import picocli.CommandLine.Option;

/** Options shared by every command that reads captures. */
public final class InputOptions {

    @Option(names = "--format", paramLabel = "ID",
            description = "Force the capture format instead of detecting it from the content. "
                    + "See `heapsift formats` for the ids.")
    String format;

    @Option(names = "--strict",
            description = "Fail (exit 3) if any input line was skipped as not understood.")
    boolean strict;
}
