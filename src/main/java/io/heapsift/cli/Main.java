package io.heapsift.cli;

import picocli.CommandLine;

/** Entry point. Only {@link #main} calls {@code System.exit}; tests call {@link #run}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (OutOfMemoryError e) {
            System.err.println("heapsift: out of memory (live allocations and distinct stacks did not fit in the Java heap);"
                    + " give it more with HEAPSIFT_JAVA_OPTS=-Xmx8g (launcher) or java -Xmx8g -jar heapsift.jar");
            code = ExitCode.INTERNAL_ERROR.code();
        }
        System.exit(code);
    }

    /** Runs the CLI in-process and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (tests redirect its out/err). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HeapsiftCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("heapsift: internal error: " + ex);
            if (System.getenv("HEAPSIFT_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            else cmd.getErr().println("(set HEAPSIFT_DEBUG=1 for the stack trace, and please report it with the input)");
            return ExitCode.INTERNAL_ERROR.code();
        });
        return cl;
    }
}
