package io.heapsift.ingest.valgrind;

/**
 * A line the grammar accepted but whose content cannot be used (a number out of range, arguments of
 * the wrong shape). Thrown inside the builder and turned into a counted, positioned skip by the parser
 * loop; it never leaves this package.
 */
final class BadLine extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int column;
    final String reason;

    BadLine(int column, String reason, String detail) {
        super(detail, null, false, false);
        this.column = column;
        this.reason = reason;
    }
}
