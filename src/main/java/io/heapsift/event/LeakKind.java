package io.heapsift.event;

/** valgrind memcheck's leak kinds; {@link #SUPPRESSED} appears only in summaries. */
public enum LeakKind {
    DEFINITE("definitely lost"), INDIRECT("indirectly lost"), POSSIBLE("possibly lost"),
    REACHABLE("still reachable"), SUPPRESSED("suppressed");

    private final String valgrindText;

    LeakKind(String valgrindText) {
        this.valgrindText = valgrindText;
    }

    /** The words valgrind prints for this kind ("definitely lost", ...). */
    public String valgrindText() {
        return valgrindText;
    }

    /** Lower-case JSON name ("definite", "indirect", "possible", "reachable", "suppressed"). */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses valgrind's wording, or returns null. */
    public static LeakKind fromValgrindText(String text) {
        for (LeakKind k : values()) {
            if (k.valgrindText.equals(text)) return k;
        }
        return null;
    }
}
