package io.heapsift.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suppressions of a gate run, in order (the first match wins, as in valgrind), with their hit counts over
 * every trace of the run. Not thread-safe.
 */
public final class Suppressions {

    /** Where the built-in suppressions come from. */
    public static final String DEFAULT_RESOURCE = "default.supp";

    private final List<Suppression> list = new ArrayList<>();
    private final Map<Suppression, Hits> hits = new LinkedHashMap<>();

    /** How often one suppression matched. */
    public static final class Hits {
        long leaks, bytes, blocks;

        public long leaks() {
            return leaks;
        }

        public long bytes() {
            return bytes;
        }

        public long blocks() {
            return blocks;
        }
    }

    /** An empty set. */
    public Suppressions() {
    }

    /** Adds suppressions (their hit counts start at 0). */
    public Suppressions add(List<? extends Suppression> more) {
        for (Suppression s : more) {
            list.add(s);
            hits.put(s, new Hits());
        }
        return this;
    }

    /** heapsift's built-in suppressions of one-time runtime blocks. */
    public static List<Suppression> defaults() {
        try (InputStream in = Suppressions.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Suppression> out = new ArrayList<>();
            for (ValgrindSuppression s : SuppFileParser.parse(text, "built-in")) {
                out.add(new ValgrindSuppression(s.name(), "built-in", s.tool(), s.kinds(), s.frames()));
            }
            out.add(new SizeSuppression("heapsift-default:libstdc++-eh-pool-size", "built-in", 72704, 1, false));
            out.add(new SizeSuppression("heapsift-default:memleak-libbpf-preexec-stdout", "built-in", 4096, 1, true));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("built-in suppressions unreadable", e);
        }
    }

    /** Reads a valgrind .supp file or a LeakSanitizer file (told apart by content). */
    public static List<? extends Suppression> read(Path file) throws GateConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GateConfigException(file + ": cannot read suppressions: " + e.getMessage());
        }
        return SuppFileParser.looksLikeValgrind(text) ? SuppFileParser.parse(text, file.toString())
                : LsanFileParser.parse(text, file.toString());
    }

    /** The first suppression matching the leak (its hits are counted), or null. */
    public Suppression match(Leak leak) {
        for (Suppression s : list) {
            if (s.matches(leak)) {
                Hits h = hits.get(s);
                h.leaks++;
                h.bytes += leak.bytes();
                h.blocks += leak.blocks();
                return s;
            }
        }
        return null;
    }

    /** All suppressions, in order. */
    public List<Suppression> all() {
        return List.copyOf(list);
    }

    /** Hit counts of one suppression. */
    public Hits hits(Suppression s) {
        return hits.get(s);
    }

    /** User suppressions that matched nothing (built-in ones are not listed: most runs need only a few). */
    public List<Suppression> unused() {
        List<Suppression> out = new ArrayList<>();
        for (Suppression s : list) {
            if (!s.origin().equals("built-in") && hits.get(s).leaks == 0) out.add(s);
        }
        return out;
    }
}
