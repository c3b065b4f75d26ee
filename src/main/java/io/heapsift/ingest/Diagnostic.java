package io.heapsift.ingest;

/**
 * A positioned message about the input. {@link #toString()} gives the house format
 * {@code file:line:col: severity: message} (1-based; line/col omitted when unknown).
 */
public record Diagnostic(String source, long line, int column, Severity severity, String message) {

    /** How bad it is. */
    public enum Severity { ERROR, WARNING, NOTE }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.append(": ").append(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                .append(message).toString();
    }
}
