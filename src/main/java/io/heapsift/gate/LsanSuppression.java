package io.heapsift.gate;

import io.heapsift.event.Frame;

import java.util.regex.Pattern;

/**
 * A LeakSanitizer suppression line {@code leak:PATTERN}. As in LSan, the pattern is matched against the function
 * name, the module (object file path) and the source file of every frame of the allocation stack: a substring
 * match, with {@code *} for any characters, {@code ^} anchoring at the start and {@code $} at the end.
 */
public record LsanSuppression(String pattern, String origin, Pattern regex) implements Suppression {

    public static LsanSuppression of(String pattern, String origin) {
        String p = pattern;
        boolean start = p.startsWith("^"), end = p.endsWith("$") && p.length() > (start ? 1 : 0);
        if (start) p = p.substring(1);
        if (end) p = p.substring(0, p.length() - 1);
        StringBuilder re = new StringBuilder(start ? "^" : "");
        String[] parts = p.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            if (!parts[i].isEmpty()) re.append(Pattern.quote(parts[i]));
        }
        if (end) re.append('$');
        return new LsanSuppression(pattern, origin, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    @Override
    public String name() {
        return "leak:" + pattern;
    }

    @Override
    public boolean matches(Leak leak) {
        for (Frame f : leak.stack().frames()) {
            if (find(f.function()) || find(StackKeys.name(f)) || find(f.module()) || find(f.file())) return true;
        }
        return false;
    }

    private boolean find(String s) {
        return s != null && regex.matcher(s).find();
    }
}
