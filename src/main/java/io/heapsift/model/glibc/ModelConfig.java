package io.heapsift.model.glibc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The malloc tunables of glibc 2.36 under glibc's own names, plus the machine facts the model needs.
 * Immutable; build one with {@link #defaults()}, {@link #parse(String)} or {@link #fromGlibcTunables(String)}
 * and derive variants with {@link #with(String, long)}.
 *
 * <p>Range rules follow glibc: values a tunable setter rejects are ignored (tcache_max &gt; 1032,
 * tcache_count &gt; 65535, mxfast &gt; 160, arena_max/arena_test &lt; 1, perturb outside 0..255).
 * Setting any of trim_threshold, top_pad, mmap_threshold or mmap_max — even to its default — freezes the
 * dynamic mmap threshold ({@link #dynamicThresholdFrozen()}), exactly like glibc's {@code no_dyn_threshold}.
 *
 * <p>Besides the glibc names, {@code cpus} (online CPUs, default 2) and {@code brk_base} (page-aligned
 * start of the simulated main heap) and {@code touch}/{@code touch_bytes} (RSS policy, see {@link #touchBytes()}) are accepted, as are the legacy environment names
 * ({@code MALLOC_TOP_PAD_}, {@code MALLOC_ARENA_MAX}, ...).
 */
public final class ModelConfig {

    /** glibc's DEFAULT_MMAP_THRESHOLD_MIN and trim/top_pad defaults on x86_64. */
    public static final long DEFAULT_THRESHOLD = 128 * 1024;
    public static final long DEFAULT_BRK_BASE = 0x555555559000L;

    private static final String[] NAMES = {"mmap_threshold", "trim_threshold", "top_pad", "mmap_max", "arena_max",
        "arena_test", "tcache_count", "tcache_max", "tcache_unsorted_limit", "mxfast", "perturb", "cpus", "brk_base", "touch_bytes"};

    private final long mmapThreshold;
    private final long trimThreshold;
    private final long topPad;
    private final long mmapMax;
    private final long arenaMax;
    private final long arenaTest;
    private final long tcacheCount;
    private final long tcacheMax;
    private final long tcacheUnsortedLimit;
    private final long mxfast;
    private final long perturb;
    private final int cpus;
    private final long brkBase;
    private final long touchBytes;
    private final boolean frozen;
    /** Names explicitly set (in the order given), for {@link #toString()}. */
    private final Map<String, Long> explicit;

    private ModelConfig(long[] v, boolean frozen, Map<String, Long> explicit) {
        this.mmapThreshold = v[0];
        this.trimThreshold = v[1];
        this.topPad = v[2];
        this.mmapMax = v[3];
        this.arenaMax = v[4];
        this.arenaTest = v[5];
        this.tcacheCount = v[6];
        this.tcacheMax = v[7];
        this.tcacheUnsortedLimit = v[8];
        this.mxfast = v[9];
        this.perturb = v[10];
        this.cpus = (int) v[11];
        this.brkBase = v[12];
        this.touchBytes = v[13];
        this.frozen = frozen;
        this.explicit = Map.copyOf(explicit);
    }

    private long[] values() {
        return new long[] {mmapThreshold, trimThreshold, topPad, mmapMax, arenaMax, arenaTest, tcacheCount, tcacheMax,
            tcacheUnsortedLimit, mxfast, perturb, cpus, brkBase, touchBytes};
    }

    /** glibc's defaults on a 2-CPU x86_64 machine. */
    public static ModelConfig defaults() {
        return new ModelConfig(new long[] {DEFAULT_THRESHOLD, DEFAULT_THRESHOLD, DEFAULT_THRESHOLD, 65536, 0, 8, 7,
            1032, 0, 128, 0, 2, DEFAULT_BRK_BASE, -1}, false, Map.of());
    }

    /**
     * Parses {@code name=value,name=value,...} (also {@code ;} or {@code :} separated). Names are glibc's
     * tunable names, optionally prefixed with {@code glibc.malloc.}, or the legacy environment names.
     * Values are decimal, {@code 0x} hex, or carry a {@code k}/{@code m}/{@code g} suffix (powers of 1024).
     *
     * @throws IllegalArgumentException for an unknown name or a malformed value
     */
    public static ModelConfig parse(String spec) {
        ModelConfig c = defaults();
        if (spec == null || spec.isBlank()) {
            return c;
        }
        for (String item : spec.split("[,;:]")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + s + "'");
            }
            c = c.with(s.substring(0, eq).trim(), parseValue(s.substring(eq + 1).trim()));
        }
        return c;
    }

    /**
     * Parses a {@code GLIBC_TUNABLES} string ({@code glibc.malloc.NAME=VALUE:...}); tunables outside
     * {@code glibc.malloc} and unknown malloc tunables are ignored, as glibc does.
     */
    public static ModelConfig fromGlibcTunables(String tunables) {
        ModelConfig c = defaults();
        if (tunables == null) {
            return c;
        }
        for (String item : tunables.split(":")) {
            int eq = item.indexOf('=');
            if (eq <= 0 || !item.startsWith("glibc.malloc.")) {
                continue;
            }
            String name = item.substring("glibc.malloc.".length(), eq);
            if (canonical(name) == null || name.equals("cpus") || name.equals("brk_base") || name.equals("touch_bytes")) {
                continue;
            }
            try {
                c = c.with(name, parseValue(item.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                // glibc ignores a malformed value
            }
        }
        return c;
    }

    /** A copy with one tunable set as if the user had set it (tunable or environment variable). */
    public ModelConfig with(String name, long value) {
        if (name.trim().equals("touch")) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException("touch is 0 or 1, got " + value);
            }
            return with("touch_bytes", value == 1 ? -1 : 0);
        }
        String n = canonical(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown malloc tunable '" + name + "'");
        }
        long[] v = values();
        boolean fr = frozen;
        int i = indexOf(n);
        if (accepts(n, value)) {
            v[i] = value;
            fr |= n.equals("mmap_threshold") || n.equals("trim_threshold") || n.equals("top_pad")
                || n.equals("mmap_max");
        }
        Map<String, Long> ex = new LinkedHashMap<>(explicit);
        ex.put(n, value);
        return new ModelConfig(v, fr, ex);
    }

    private static boolean accepts(String n, long value) {
        switch (n) {
            case "tcache_max": return value >= 0 && value <= 1032;
            case "tcache_count": return value >= 0 && value <= 65535;
            case "mxfast": return value >= 0 && value <= 160;
            case "arena_max":
            case "arena_test": return value >= 1;
            case "perturb": return value >= 0 && value <= 255;
            case "mmap_max": return value >= 0 && value <= Integer.MAX_VALUE;
            case "cpus": return value >= 1 && value <= 4096;
            case "brk_base": return value > 0 && (value & 4095) == 0;
            case "touch_bytes": return value >= -1;
            default: return value >= 0;
        }
    }

    private static int indexOf(String n) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return i;
            }
        }
        throw new IllegalStateException(n);
    }

    private static String canonical(String raw) {
        String s = raw.trim();
        if (s.startsWith("glibc.malloc.")) {
            s = s.substring("glibc.malloc.".length());
        }
        switch (s) {
            case "MALLOC_TOP_PAD_": return "top_pad";
            case "MALLOC_PERTURB_": return "perturb";
            case "MALLOC_MMAP_THRESHOLD_": return "mmap_threshold";
            case "MALLOC_TRIM_THRESHOLD_": return "trim_threshold";
            case "MALLOC_MMAP_MAX_": return "mmap_max";
            case "MALLOC_ARENA_MAX": return "arena_max";
            case "MALLOC_ARENA_TEST": return "arena_test";
            default: break;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("ncpus") || lower.equals("nprocs")) {
            return "cpus";
        }
        for (String n : NAMES) {
            if (n.equals(lower)) {
                return n;
            }
        }
        return null;
    }

    static long parseValue(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        long mult = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long v = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad number '" + raw + "'", e);
        }
    }

    public long mmapThreshold() { return mmapThreshold; }
    public long trimThreshold() { return trimThreshold; }
    public long topPad() { return topPad; }
    public long mmapMax() { return mmapMax; }
    /** 0 = not set (limit 8 × CPUs once more than arena_test arenas exist). */
    public long arenaMax() { return arenaMax; }
    public long arenaTest() { return arenaTest; }
    public long tcacheCount() { return tcacheCount; }
    public long tcacheMax() { return tcacheMax; }
    public long tcacheUnsortedLimit() { return tcacheUnsortedLimit; }
    public long mxfast() { return mxfast; }
    public long perturb() { return perturb; }
    public int cpus() { return cpus; }
    public long brkBase() { return brkBase; }
    /**
     * True unless {@code touch=0} / {@code touch_bytes=0} (see {@link #touchBytes()}).
     */
    public boolean programTouches() { return touchBytes != 0; }

    /**
     * RSS policy: how many bytes of each block the program writes. -1 ({@code touch=1}, default): every byte it
     * allocates, except memory calloc leaves untouched (fresh mmaps, fresh top); 0 ({@code touch=0}): only the
     * allocator's own writes count; N &gt; 0 ({@code touch_bytes=N}): the first N bytes of every block, calloc'd
     * ones included.
     */
    public long touchBytes() { return touchBytes; }
    /** True when trim_threshold, top_pad, mmap_threshold or mmap_max was set explicitly. */
    public boolean dynamicThresholdFrozen() { return frozen; }

    /** glibc's {@code global_max_fast} for the mxfast value (16 = no fastbins). */
    public long maxFast() {
        return mxfast <= 7 ? 16 : (mxfast + 8) & ~15L;
    }

    /** glibc's {@code tcache_bins}. */
    public int tcacheBins() {
        long nb = Math.max(32, (tcacheMax + 8 + 15) & ~15L);
        return (int) ((nb - 17) / 16) + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig m && java.util.Arrays.equals(values(), m.values()) && frozen == m.frozen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(values()), frozen);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        explicit.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.length() == 0 ? "defaults" : sb.toString();
    }
}
