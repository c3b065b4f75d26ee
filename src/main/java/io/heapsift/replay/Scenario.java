package io.heapsift.replay;

import io.heapsift.model.glibc.ModelConfig;

/**
 * One allocator configuration to replay a trace under: glibc's tunables plus an optional periodic trim.
 *
 * @param label  how the scenario is shown ("defaults", or the settings that differ)
 * @param config the model's tunables
 * @param trim   periodic malloc_trim(0), or {@link TrimSchedule#NEVER}
 */
public record Scenario(String label, ModelConfig config, TrimSchedule trim) {

    public static Scenario defaults() {
        return new Scenario("defaults", ModelConfig.defaults(), TrimSchedule.NEVER);
    }

    /** The settings named in the label, in the order given (a later value of a name replaces the earlier one). */
    private java.util.LinkedHashMap<String, String> settings() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        if (label.equals("defaults")) return m;
        for (String item : label.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0) m.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return m;
    }

    /**
     * This scenario with {@code name=value,...} settings applied on top: glibc tunable names (with or without
     * {@code glibc.malloc.}), the legacy environment names, {@code cpus}, and {@code trim_every} (a
     * {@link TrimSchedule}).
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public Scenario with(String spec) {
        ModelConfig c = config;
        TrimSchedule t = trim;
        if (spec == null || spec.isBlank()) return this;
        java.util.LinkedHashMap<String, String> named = settings();
        named.remove("trim_every");
        for (String item : spec.split("[,;]")) {
            String s = item.trim();
            if (s.isEmpty()) continue;
            int eq = s.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected name=value, got '" + s + "'");
            String name = s.substring(0, eq).trim();
            String value = s.substring(eq + 1).trim();
            if (name.equals("trim_every") || name.equals("trim-every")) {
                t = TrimSchedule.parse(value);
            } else {
                c = c.with(name, value(value));
                named.remove(name);
                named.put(name, value);
            }
        }
        return new Scenario(label(named, t), c, t);
    }

    /**
     * This scenario with a {@code GLIBC_TUNABLES} string applied ({@code glibc.malloc.NAME=VALUE:...}): tunables
     * outside {@code glibc.malloc} and unknown ones are ignored, as glibc does.
     */
    public Scenario withGlibcTunables(String tunables) {
        if (tunables == null || tunables.isBlank()) return this;
        ModelConfig c = config;
        java.util.LinkedHashMap<String, String> named = settings();
        named.remove("trim_every");
        for (String item : tunables.split(":")) {
            int eq = item.indexOf('=');
            if (eq <= 0 || !item.startsWith("glibc.malloc.")) continue;
            String name = item.substring("glibc.malloc.".length(), eq);
            try {
                c = c.with(name, value(item.substring(eq + 1)));
                named.remove(name);
                named.put(name, item.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                // glibc ignores unknown tunables and malformed values
            }
        }
        return new Scenario(label(named, trim), c, trim);
    }

    /** This scenario with a periodic trim. */
    public Scenario withTrim(TrimSchedule t) {
        java.util.LinkedHashMap<String, String> named = settings();
        named.remove("trim_every");
        return new Scenario(label(named, t), config, t);
    }

    /** A tunable value: decimal, {@code 0x} hex, or with a {@code k}/{@code m}/{@code g} suffix (powers of 1024). */
    static long value(String raw) {
        String s = raw.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        if (!s.isEmpty() && "kmg".indexOf(s.charAt(s.length() - 1)) >= 0) {
            char u = s.charAt(s.length() - 1);
            mult = u == 'k' ? 1L << 10 : u == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long v = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad number '" + raw + "'");
        }
    }

    private static String label(java.util.Map<String, String> named, TrimSchedule t) {
        StringBuilder sb = new StringBuilder();
        named.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        if (!t.never()) sb.append(sb.length() == 0 ? "" : ",").append("trim_every=").append(t);
        return sb.length() == 0 ? "defaults" : sb.toString();
    }
}
