package io.heapsift.gate;

/**
 * A rules, suppression or baseline file that cannot be used. The message is positioned
 * ({@code file:line:col: message}) when the position is known.
 */
public class GateConfigException extends java.io.IOException {

    public GateConfigException(String message) {
        super(message);
    }

    public GateConfigException(String file, long line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
    }
}
