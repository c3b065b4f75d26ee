package io.heapsift.cli;

/** The process exit codes, listed in {@code --help}. */
public enum ExitCode {
    /** Everything worked. */
    OK(0),
    /** A bug in heapsift (please report it with the input). */
    INTERNAL_ERROR(1),
    /** Bad command line: unknown option, missing argument, invalid value. */
    USAGE(2),
    /** An input is missing, unreadable, not a known capture format, or (with --strict) has skipped lines. */
    INPUT_ERROR(3),
    /** {@code heapsift gate}: a trace broke a rule (a leak over its limit, a new leak, a budget exceeded). */
    CHECK_FAILED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
