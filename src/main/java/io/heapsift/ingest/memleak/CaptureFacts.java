package io.heapsift.ingest.memleak;

import io.heapsift.grammar.memleak.MemleakParser;
import io.heapsift.ingest.ParseContext;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the lines say about the capture as a whole: which tool printed it (the Python tool or
 * libbpf-tools), whether a traced program shares its stdout ({@code -c}), kernel or user mode, and
 * version hints. Writes the facts and, at the end, the variant of the {@link ParseContext}.
 */
final class CaptureFacts {

    /** Which memleak printed the capture. */
    enum Flavour { UNKNOWN, PYTHON, LIBBPF }

    private final ParseContext ctx;
    private final Set<String> hints = new LinkedHashSet<>();
    private Flavour flavour = Flavour.UNKNOWN;
    private boolean command;
    private boolean kernel;
    private boolean startup;
    private boolean tuples;
    private boolean rawPipe;
    private final Set<String> symbolizers = new LinkedHashSet<>();

    CaptureFacts(ParseContext ctx) {
        this.ctx = ctx;
    }

    Flavour flavour() {
        return flavour;
    }

    boolean libbpf() {
        return flavour == Flavour.LIBBPF;
    }

    /** Evidence for one tool; returns true when this is the first evidence (the flavour just became known). */
    boolean evidence(Flavour f, long line) {
        if (flavour == f) return false;
        if (flavour != Flavour.UNKNOWN) {
            ctx.diagnostics().warn(line, 0, "line of " + name(f) + " in a capture of " + name(flavour));
            return false;
        }
        flavour = f;
        ctx.fact("tool", name(f));
        return true;
    }

    private static String name(Flavour f) {
        return f == Flavour.LIBBPF ? "bcc libbpf-tools memleak" : "bcc memleak.py";
    }

    /** True when the traced program was started by memleak (-c) and its own output is interleaved. */
    boolean command() {
        return command;
    }

    void command(String cmd) {
        command = true;
        ctx.fact("command", cmd);
    }

    /** A child was started (libbpf-tools -c prints no command line). */
    void child(int pid) {
        command = true;
        pid(pid);
    }

    void pid(int pid) {
        startup = true;
        kernel = false;
        ctx.fact("target", "pid " + pid);
    }

    void kernel() {
        startup = true;
        kernel = true;
        ctx.fact("target", "kernel");
    }

    boolean kernelMode() {
        return kernel;
    }

    void startup() {
        startup = true;
    }

    void tuples() {
        tuples = true;
    }

    void rawPipe() {
        rawPipe = true;
    }

    /** libbpf-tools: which symbolizer printed a frame (fact "symbolizer"). */
    void symbolizer(MemleakParser.LibbpfSymbolContext sym) {
        String name;
        if (sym == null) name = "none (bare IPs, first version)";
        else if (sym instanceof MemleakParser.BlazeSymbolContext) name = "blazesym";
        else if (sym instanceof MemleakParser.InlineChainSymbolContext) name = "blazesym (2023, inlined entries)";
        else if (sym instanceof MemleakParser.CacheSymbolContext c && c.moduleName() == null) name = "ksyms or blazesym";
        else if (sym instanceof MemleakParser.NullSymbolContext) return;
        else name = "syms_cache";
        if (symbolizers.add(name)) ctx.fact("symbolizer", String.join(", ", symbolizers));
    }

    /** Adds a version hint ("bcc >= 0.25 (IP column)") to the fact "bcc-version-hint". */
    void hint(String hint) {
        if (hints.add(hint)) ctx.fact("bcc-version-hint", String.join("; ", hints));
    }

    /** Sets the variant from what was read; call once at the end. */
    void finish(SnapshotAssembler snaps, TraceAssembler trace) {
        ctx.variant(variant(snaps, trace));
        if (snaps.snapshots() == 0 && trace.messages() == 0 && startup) {
            ctx.diagnostics().warn(0, 0, "memleak printed its startup lines but no snapshot or trace line"
                    + " (stopped early, or crashed with a traceback on stderr: bcc 0.26-0.28 --combined-only does)");
        }
    }

    private String variant(SnapshotAssembler snaps, TraceAssembler trace) {
        if (snaps.snapshots() == 0 && trace.messages() > 0) {
            return tuples || !rawPipe ? "trace (-t)" : "trace (trace_pipe)";
        }
        if (snaps.snapshots() == 0) return "startup only";
        String a = snaps.addresses() > 0 ? " -a" : "";
        if (flavour == Flavour.LIBBPF) return "libbpf-tools" + (kernel ? " kernel" : "") + a;
        if (snaps.anyCombined()) return kernel ? "kernel combined-only" : "combined-only";
        return kernel ? "kernel" + a : "snapshots" + a;
    }
}
