package io.heapsift.gate;

import java.util.regex.Pattern;

/** valgrind-style wildcards: {@code *} any characters, {@code ?} one character, everything else literal. */
final class Glob {

    private Glob() {
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (lit.length() > 0) re.append(Pattern.quote(lit.toString()));
                lit.setLength(0);
                re.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) re.append(Pattern.quote(lit.toString()));
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
