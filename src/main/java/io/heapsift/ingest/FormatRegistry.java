package io.heapsift.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The known capture formats (from {@link ServiceLoader}), sorted by id. */
public final class FormatRegistry {

    private final List<TraceFormat> formats;

    private FormatRegistry(List<TraceFormat> formats) {
        this.formats = formats;
    }

    /** The formats on the class path. */
    public static FormatRegistry load() {
        List<TraceFormat> list = new ArrayList<>();
        for (TraceFormat f : ServiceLoader.load(TraceFormat.class, FormatRegistry.class.getClassLoader())) {
            list.add(f);
        }
        list.sort(Comparator.comparing(TraceFormat::id));
        return new FormatRegistry(Collections.unmodifiableList(list));
    }

    /** A registry of exactly these formats (tests). */
    public static FormatRegistry of(TraceFormat... formats) {
        return new FormatRegistry(List.of(formats));
    }

    public List<TraceFormat> formats() {
        return formats;
    }

    public Optional<TraceFormat> byId(String id) {
        return formats.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Ids joined for messages. */
    public String ids() {
        return String.join(", ", formats.stream().map(TraceFormat::id).toList());
    }

    /**
     * Picks the format whose probe is most confident about the sample.
     *
     * @throws TraceInputException if no format recognizes it
     */
    public TraceFormat detect(Sample sample) throws TraceInputException {
        TraceFormat best = null;
        int bestScore = 0;
        for (TraceFormat f : formats) {
            int score;
            try {
                score = f.probe(sample);
            } catch (RuntimeException e) {
                score = 0;
            }
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        if (best == null) {
            String first = sample.firstNonBlank();
            if (first.length() > 80) first = first.substring(0, 80) + "...";
            throw new TraceInputException(sample.source(), sample.lines().isEmpty() ? 0 : 1, 0,
                    (sample.lines().isEmpty() ? "empty input" : "unrecognized capture format (first line: \"" + first + "\")")
                            + "; known formats: " + ids() + " (use --format to force one)");
        }
        return best;
    }
}
