package io.heapsift.ingest.ltrace;

/**
 * A hand-written scanner for the line shapes that make up almost all of a large capture: the
 * prefixes, then a call with simple arguments (completed, open, or resumed) or a thread exit.
 * It accepts a line only when it is sure the grammar ({@code Ltrace.g4}) reads it the same way and
 * produces the same {@link LtraceLine}; anything else (strings, demangled names, frames, odd
 * spacing, non-ASCII) returns false and goes to the ANTLR parser. {@code LtraceFastPathTest}
 * checks the agreement on every fixture line and on generated and hand-written edge cases.
 */
final class LtraceFastPath {

    private static final String EXITED = "+++ exited (status";
    private static final String RESUMED = " resumed>";
    private static final String UNFINISHED = "<unfinished ...>";
    private static final String NO_RETURN = "<no return ...>";

    private String s;
    private int n;
    // the last pid, caller, name and lib seen: consecutive lines repeat them, so reuse the String
    private String pid = "", caller = "", name = "", lib = "";
    private int i;
    private LtraceLine out;

    /** Scans {@code line} into {@code out}; false if the line must go to the full parser. */
    boolean decode(String line, LtraceLine out) {
        this.s = line;
        this.n = line.length();
        this.i = 0;
        this.out = out;
        out.reset();
        // no pre-scan for non-ASCII: every character is checked by an ASCII-only test below
        if (!prefix()) return false;
        if (i >= n) return false;
        if (s.startsWith("<... ", i)) return resumed();
        if (s.startsWith(EXITED, i)) return exited();
        return call();
    }

    // ------------------------------------------------------------------ prefix

    private boolean prefix() {
        spaces();
        if (s.startsWith("[pid ", i)) {
            int d = digits(i + 5);
            if (d == i + 5 || d >= n || s.charAt(d) != ']' || !spaceAt(d + 1)) return false;
            out.pid = pid = reuse(pid, i + 5, d);
            out.pidBracketed = true;
            i = d + 1;
            spaces();
        }
        int numbers = 0;
        while (i < n && isDigit(s.charAt(i))) {
            if (!number(numbers++)) return false;
        }
        if (s.startsWith("[0x", i) || s.startsWith("[(nil)]", i)) return ip();
        return true;
    }

    /** One numeric prefix token: a pid (INT, first and only when no [pid]), a CLOCK or a FLOAT. */
    private boolean number(int index) {
        int start = i;
        int d = digits(i);
        char c = d < n ? s.charAt(d) : ' ';
        int end;
        if (c == ' ') {
            if (index > 0 || out.pid != null) return false;
            out.pid = pid = reuse(pid, start, d);
            i = d;
            spaces();
            return true;
        } else if (c == '.') {
            end = digits(d + 1);
            if (end == d + 1) return false;
        } else if (c == ':') {
            end = clockEnd(start);
            if (end < 0) return false;
        } else {
            return false;
        }
        if (!spaceAt(end)) return false;
        String text = s.substring(start, end);
        if (out.time1 == null) {
            out.time1 = text;
        } else if (out.time2 == null && !isClock(out.time1)) {
            out.time2 = text;
        } else {
            return false;
        }
        i = end;
        spaces();
        return true;
    }

    private int clockEnd(int start) {
        if (start + 8 > n) return -1;
        for (int k = 0; k < 8; k++) {
            char c = s.charAt(start + k);
            boolean colon = k == 2 || k == 5;
            if (colon ? c != ':' : !isDigit(c)) return -1;
        }
        int end = start + 8;
        if (end < n && s.charAt(end) == '.' && end + 1 < n && isDigit(s.charAt(end + 1))) end = digits(end + 1);
        return end;
    }

    private static boolean isClock(String t) {
        return t.length() >= 8 && t.charAt(2) == ':';
    }

    private boolean ip() {
        int close = s.indexOf(']', i);
        if (close < 0 || !spaceAt(close + 1)) return false;
        String inner = s.substring(i + 1, close);
        if (!inner.equals("(nil)")) {
            if (inner.length() < 3) return false;
            for (int k = 2; k < inner.length(); k++) {
                if (!isHex(inner.charAt(k))) return false;
            }
        }
        out.ip = inner;
        i = close + 1;
        spaces();
        return true;
    }

    // ------------------------------------------------------------------ bodies

    private boolean exited() {
        i += EXITED.length();
        spaces();
        int start = i;
        if (i < n && s.charAt(i) == '-') i++;
        int d = digits(i);
        if (d == i) return false;
        String status = s.substring(start, d);
        i = d;
        spaces();
        if (!expect(')')) return false;
        spaces();
        if (!s.startsWith("+++", i)) return false;
        i += 3;
        spaces();
        if (i != n) return false;
        out.kind = LtraceLine.Kind.EXITED;
        out.detail = status;
        return true;
    }

    private boolean resumed() {
        i += 5;
        int end = nameEnd(i);
        if (end < 0 || !s.startsWith(RESUMED, end)) return false;
        out.name = name = reuse(name, i, end);
        i = end + RESUMED.length();
        spaces();
        if (!expect(')')) return false;
        out.kind = LtraceLine.Kind.RESUMED;
        return result();
    }

    private boolean call() {
        int end = nameEnd(i);
        if (end < 0) return false;
        if (s.startsWith("->", end)) {
            out.caller = caller = reuse(caller, i, end);
            i = end + 2;
            end = nameEnd(i);
            if (end < 0) return false;
        }
        out.name = name = reuse(name, i, end);
        i = end;
        if (i < n && s.charAt(i) == '@') {
            end = nameEnd(i + 1);
            if (end < 0) return false;
            out.lib = lib = reuse(lib, i + 1, end);
            i = end;
        }
        if (!expect('(')) return false;
        return arguments();
    }

    private boolean arguments() {
        spaces();
        if (i < n && s.charAt(i) == ')') {
            i++;
            out.kind = LtraceLine.Kind.CALL_DONE;
            return result();
        }
        while (true) {
            spaces();
            int end = valueEnd(i);
            if (end < 0) return false;
            out.args.add(s.substring(i, end));
            i = end;
            spaces();
            if (i >= n) return false;
            char c = s.charAt(i);
            if (c == ',') {
                i++;
            } else if (c == ')') {
                i++;
                out.kind = LtraceLine.Kind.CALL_DONE;
                return result();
            } else {
                return open();
            }
        }
    }

    private boolean open() {
        if (s.startsWith(UNFINISHED, i)) {
            out.kind = LtraceLine.Kind.CALL_UNFINISHED;
            i += UNFINISHED.length();
        } else if (s.startsWith(NO_RETURN, i)) {
            out.kind = LtraceLine.Kind.CALL_NO_RETURN;
            i += NO_RETURN.length();
        } else {
            return false;
        }
        spaces();
        return i == n;
    }

    /** After the closing parenthesis: {@code PAD "= " [RET] [" <dur>"]} to the end of the line. */
    private boolean result() {
        spaces();
        if (!expect('=')) return false;
        spaces();
        out.ret = "";
        if (i < n && !isDuration(i)) {
            int end = s.startsWith("<void>", i) ? i + 6 : valueEnd(i);
            if (end < 0) return false;
            out.ret = s.substring(i, end);
            i = end;
            spaces();
        }
        if (i < n && isDuration(i)) {
            int close = s.indexOf('>', i);
            out.duration = s.substring(i + 1, close);
            i = close + 1;
            spaces();
        }
        return i == n;
    }

    private boolean isDuration(int at) {
        if (at >= n || s.charAt(at) != '<') return false;
        int d = digits(at + 1);
        if (d == at + 1 || d >= n || s.charAt(d) != '.') return false;
        int e = digits(d + 1);
        return e > d + 1 && e < n && s.charAt(e) == '>';
    }

    // ------------------------------------------------------------------ tokens

    /** End of a one-token value (HEX, INT, "-" INT, NAME) at {@code at}, or -1. */
    private int valueEnd(int at) {
        if (at >= n) return -1;
        char c = s.charAt(at);
        int end;
        if (c == '0' && at + 2 < n && s.charAt(at + 1) == 'x' && isHex(s.charAt(at + 2))) {
            end = at + 3;
            while (end < n && isHex(s.charAt(end))) end++;
        } else if (isDigit(c)) {
            end = digits(at);
        } else if (c == '-') {
            end = digits(at + 1);
            if (end == at + 1) return -1;
        } else {
            return nameEnd(at);
        }
        return end < n && (isNameChar(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == ':') ? -1 : end;
    }

    /** End of the lexer's NAME token starting at {@code at} (longest match), or -1 if none starts there. */
    private int nameEnd(int at) {
        if (at >= n || !isNameStart(s.charAt(at))) return -1;
        int j = at + 1;
        while (j < n && isNameChar(s.charAt(j))) j++;
        while (j < n) {
            char c = s.charAt(j);
            int k = j;
            if (c == '-') {
                k = j + 1;
            } else if (c == '+') {
                while (k < n && s.charAt(k) == '+') k++;
            } else {
                break;
            }
            if (k >= n || !isNameChar(s.charAt(k))) break;
            j = k;
            while (j < n && isNameChar(s.charAt(j))) j++;
        }
        return j;
    }

    /** {@code s[from, to)}, as the {@code last} String object when it has the same text. */
    private String reuse(String last, int from, int to) {
        int len = to - from;
        if (last.length() == len && s.regionMatches(from, last, 0, len)) return last;
        return s.substring(from, to);
    }

    private boolean expect(char c) {
        if (i < n && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void spaces() {
        while (i < n && s.charAt(i) == ' ') i++;
    }

    private boolean spaceAt(int at) {
        return at < n && s.charAt(at) == ' ';
    }

    private int digits(int at) {
        int j = at;
        while (j < n && isDigit(s.charAt(j))) j++;
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c) || c == '.';
    }
}
