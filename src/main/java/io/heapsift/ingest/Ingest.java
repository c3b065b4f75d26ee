package io.heapsift.ingest;

import io.heapsift.event.Stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The entry point of the ingest stage: detect the format of a capture (or take the one forced),
 * parse it into a sink, and return the accounting.
 */
public final class Ingest {

    private final FormatRegistry registry;

    public Ingest(FormatRegistry registry) {
        this.registry = registry;
    }

    /** Uses the formats on the class path. */
    public static Ingest standard() {
        return new Ingest(FormatRegistry.load());
    }

    public FormatRegistry registry() {
        return registry;
    }

    /**
     * Parses one capture.
     *
     * @param formatId a forced format id, or null to detect it from the content
     * @throws TraceInputException if the file is unreadable, unrecognized, or no line of it fits the format
     */
    public ParseSummary parse(Path file, String formatId, EventSink sink) throws TraceInputException {
        TraceInput input = TraceInput.of(file);
        TraceFormat format;
        try {
            if (formatId != null) {
                format = registry.byId(formatId).orElseThrow(() -> new TraceInputException(input.name(),
                        "unknown format '" + formatId + "'; known formats: " + registry.ids()));
                input.sample(); // still refuse binary input
            } else {
                format = registry.detect(input.sample());
            }
        } catch (TraceInputException e) {
            throw e;
        } catch (IOException e) {
            throw new TraceInputException(input.name(), "cannot read: " + e.getMessage());
        }
        Diagnostics diag = new Diagnostics(input.name());
        ParseContext ctx = new ParseContext(format.id(), sink, diag, new Stacks());
        try {
            format.parse(input, ctx);
        } catch (TraceInputException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            throw new TraceInputException(input.name(), diag.lines(), 0, "read error: " + e.getMessage());
        }
        sink.end();
        if (diag.lines() > 0 && diag.skipped() == diag.lines()) {
            throw new TraceInputException(input.name(), 1, 0, "no line of this input is " + format.id()
                    + " output (" + diag.skipped() + " lines skipped)"
                    + (formatId != null ? "; is --format " + formatId + " right?" : ""));
        }
        return new ParseSummary(input.name(), ctx.formatId(), ctx.variant(), ctx.facts(), diag.lines(), ctx.events(),
                diag.skipped(), diag.skippedByReason(), diag.notes(), diag.warnings(), diag.messages());
    }
}
