package io.heapsift.ingest.bpftrace;

import io.heapsift.event.AllocKind;

/**
 * A hand-written scanner for the capture's most frequent records, the ones a long trace is made of:
 * {@code A TID T0 T1 malloc SIZE = 0xPTR SID}, the same with {@code calloc N SIZE} and {@code realloc 0xOLD SIZE},
 * and {@code F TID T free 0xPTR}. It takes only the plain shape (single spaces, nothing after the last field,
 * numbers that fit) and hands every other line to the grammar, which stays the definition of the format (it
 * accepts the same lines with other spacing, and gives the column and message of a broken one).
 * {@code BpftraceFastPathTest} checks that both decode every fixture line alike.
 */
final class BpftraceFastPath {

    /** Decoded fields of the last accepted line. */
    char record;
    AllocKind kind;
    int tid;
    /** The record's time: T1 (the return) of an allocation, T of a free. */
    long time;
    long size;
    long count;
    long old;
    long ptr;
    long sid;

    private String s;
    private int pos;
    private boolean ok;

    /** Decodes {@code line} if it has one of the plain shapes; false (fields undefined) otherwise. */
    boolean decode(String line) {
        int n = line.length();
        if (n < 10 || line.charAt(1) != ' ') return false;
        char r = line.charAt(0);
        if (r != 'A' && r != 'F') return false;
        s = line;
        pos = 2;
        ok = true;
        long t = dec();
        if (!ok || t > Integer.MAX_VALUE) return false;
        tid = (int) t;
        record = r;
        if (r == 'F') {
            time = dec();
            if (!word("free")) return false;
            ptr = hex();
            return ok && pos == n + 1;
        }
        if (!digits()) return false; // T0: only bounds the call; the grammar reads it as digits, never as a number
        time = dec();
        if (!ok) return false;
        int nameStart = pos;
        int sp = s.indexOf(' ', nameStart);
        if (sp < 0) return false;
        String name = s.substring(nameStart, sp);
        pos = sp + 1;
        switch (name) {
            case "malloc" -> {
                kind = AllocKind.MALLOC;
                size = dec();
            }
            case "calloc" -> {
                kind = AllocKind.CALLOC;
                count = dec();
                size = dec();
            }
            case "realloc" -> {
                kind = null;
                old = hex();
                size = dec();
            }
            default -> {
                return false;
            }
        }
        if (!ok || !word("=")) return false;
        ptr = hex();
        sid = dec();
        return ok && pos == n + 1;
    }

    /** An unsigned decimal of at most 18 digits followed by a space or the end; sets ok=false otherwise. */
    private long dec() {
        int n = s.length();
        int i = pos;
        long v = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ') break;
            if (c < '0' || c > '9' || i - pos >= 18) {
                ok = false;
                return 0;
            }
            v = v * 10 + (c - '0');
            i++;
        }
        if (i == pos) ok = false;
        pos = i + 1;
        return v;
    }

    /** Any run of digits followed by a space. */
    private boolean digits() {
        int n = s.length();
        int i = pos;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        if (i == pos || i >= n || s.charAt(i) != ' ') return false;
        pos = i + 1;
        return true;
    }

    /** 0x and 1 to 16 hex digits, followed by a space or the end. */
    private long hex() {
        int n = s.length();
        if (pos + 2 >= n || s.charAt(pos) != '0' || s.charAt(pos + 1) != 'x') {
            ok = false;
            return 0;
        }
        int i = pos + 2;
        int start = i;
        long v = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ') break;
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0 || i - start >= 16) {
                ok = false;
                return 0;
            }
            v = (v << 4) | d;
            i++;
        }
        if (i == start) ok = false;
        pos = i + 1;
        return v;
    }

    /** The exact word followed by a space. */
    private boolean word(String w) {
        if (!ok || !s.startsWith(w, pos) || pos + w.length() >= s.length() || s.charAt(pos + w.length()) != ' ') {
            return false;
        }
        pos += w.length() + 1;
        return true;
    }
}
