package io.heapsift.ingest;

/**
 * The input cannot be used: unreadable, unrecognized, unsupported version, or broken beyond recovery.
 * {@link #getMessage()} is positioned ({@code file:line:col: message}); {@link #rawMessage()} is not.
 */
public class TraceInputException extends java.io.IOException {

    private final String source;
    private final long line;
    private final int column;
    private final String rawMessage;

    public TraceInputException(String source, long line, int column, String message) {
        super(format(source, line, column, message));
        this.source = source;
        this.line = line;
        this.column = column;
        this.rawMessage = message;
    }

    public TraceInputException(String source, String message) {
        this(source, 0, 0, message);
    }

    private static String format(String source, long line, int column, String message) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.append(": ").append(message).toString();
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String rawMessage() {
        return rawMessage;
    }
}
