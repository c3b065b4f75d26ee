package io.heapsift.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder. */
@Command(name = "report", mixinStandardHelpOptions = true)
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
