package io.heapsift.table;

/** Bytes and blocks of one leak kind. */
public record KindTotal(long bytes, long blocks) {
    public static final KindTotal ZERO = new KindTotal(0, 0);

    public KindTotal plus(long b, long n) {
        return new KindTotal(bytes + b, blocks + n);
    }
}
