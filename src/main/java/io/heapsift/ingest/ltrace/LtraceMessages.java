package io.heapsift.ingest.ltrace;

import java.util.regex.Pattern;

/**
 * ltrace's own diagnostics that are written straight to stderr (fprintf/perror, no pid or time
 * prefix), so they are not lines of the trace grammar: ptrace failures when a tracee dies under
 * ltrace, breakpoint trouble, filter warnings. Taken from the fprintf/perror calls of ltrace 0.7.3
 * and the post-0.7.3 tree; only lines the grammar rejected are checked against them.
 */
final class LtraceMessages {

    private static final Pattern KNOWN = Pattern.compile(String.join("|",
            "^\\d+ couldn't continue when handling .*",
            "^(disable|enable)_breakpoint\\b.*",
            "^PTRACE_[A-Z_]+: .*",
            "^ltrace: .*",
            "^\\[\\d+\\] couldn't find end of atomic block.*",
            "^\\(Part of\\) filter will be ignored: .*",
            "^(Filter|Rule near) '.*' will be ignored.*",
            "^new task\\?\\?\\? \\d+$",
            "^suspicious: \\d+ got SIGSTOP.*",
            "^event will be missed: .*",
            "^(Unknown process status|process_status \\d+): .*",
            "^Error! unknown event\\?$",
            "^(Couldn't|couldn't|Can't|Cannot|Could not|Failed to|failed to|failed) .*",
            "^\\S+: (Error: call nesting too deep!|failed .*|too few arguments)$",
            "^(Backend initialization failed|gimme_arg called with wrong arguments)\\.?$",
            "^(arch_fetch_arg_init|fetch_register_banks GPR|allocation for \\.plt slot|static \\.opd translation of \\S+): .*",
            "^(get_instruction_pointer|send_sigstop: add_task_info|process_stopping_handler_create|value_clone|key_clone|syscall_p|wait|malloc(\\(\\))?|realloc\\(\\)|clone called failed): .*",
            "^translating .*, expected .*",
            "^skip 0x\\S+ 0x\\S+$",
            "^dwfl_getthread_frames tid \\d+: .*",
            "^Try `.*' for more information\\.$"));

    private LtraceMessages() {
    }

    /** True if {@code line} is one of ltrace's own stderr messages. */
    static boolean matches(String line) {
        return KNOWN.matcher(line).matches();
    }
}
