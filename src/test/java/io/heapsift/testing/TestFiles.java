package io.heapsift.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where test inputs live: the committed captures ({@code fixtures/}, property {@code heapsift.fixtures}),
 * the upstream peer corpus read in place ({@code ../shared/peer}, property {@code heapsift.peer}), and
 * golden files under {@code src/test/resources/golden} (rewritten with {@code -Dgolden.update=true}).
 */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path root() {
        return Path.of(System.getProperty("heapsift.root", ".")).toAbsolutePath().normalize();
    }

    /** A committed capture, e.g. {@code fixture("ltrace/leaky.ltrace.txt")}. */
    public static Path fixture(String rel) {
        Path p = Path.of(System.getProperty("heapsift.fixtures", root().resolve("fixtures").toString())).resolve(rel);
        assertThat(p).as("fixture %s", rel).exists();
        return p;
    }

    /** The fixtures directory. */
    public static Path fixtures() {
        return Path.of(System.getProperty("heapsift.fixtures", root().resolve("fixtures").toString()));
    }

    /** An upstream peer sample; the test is skipped when the peer corpus is not beside the checkout. */
    public static Path peer(String name) {
        Path dir = Path.of(System.getProperty("heapsift.peer", root().resolve("../shared/peer").toString()));
        Path p = dir.resolve(name);
        assumeTrue(Files.exists(p), "peer corpus not available: " + p);
        return p;
    }

    /** Compares {@code actual} with a golden file, or rewrites it with -Dgolden.update=true. */
    public static void assertGolden(String rel, String actual) throws IOException {
        Path golden = root().resolve("src/test/resources/golden").resolve(rel);
        String normalized = actual.replace("\r\n", "\n");
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError("missing golden file " + golden + " (run with -Dgolden.update=true to create it)");
            }
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, normalized, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(normalized).as("golden %s (update with -Dgolden.update=true)", rel).isEqualTo(expected);
    }
}
