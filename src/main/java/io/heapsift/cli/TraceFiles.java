package io.heapsift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands TRACE|DIR arguments. A directory stands for the files below it (recursively, in name order), except
 * hidden files and files that are plainly not captures (docs, scripts, sources, heapsift's own JSON/SARIF/XML
 * reports are not skipped by content but by name: README*, *.md, *.txt.tsv/*.tsv, *.json, *.sarif, *.supp,
 * *.stderr, *.sh, *.c, *.cpp, *.h, Makefile). A directory with no capture left is an error of its own.
 */
final class TraceFiles {

    /** One argument's files, or the reason there are none. */
    record Expanded(Path argument, List<Path> files, String error) {
    }

    private TraceFiles() {
    }

    static List<Expanded> expand(List<Path> args) {
        List<Expanded> out = new ArrayList<>();
        for (Path a : args) {
            if (!Files.isDirectory(a)) {
                out.add(new Expanded(a, List.of(a), null));
                continue;
            }
            try (Stream<Path> s = Files.walk(a)) {
                List<Path> files = s.filter(Files::isRegularFile).filter(p -> !skipped(a, p)).sorted().toList();
                out.add(new Expanded(a, files, files.isEmpty() ? "directory has no capture files" : null));
            } catch (IOException | java.io.UncheckedIOException e) {
                out.add(new Expanded(a, List.of(), "cannot list directory: " + e.getMessage()));
            }
        }
        return out;
    }

    static boolean skipped(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) return true;
        }
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith("readme") || n.equals("makefile")) return true;
        for (String ext : new String[] {".md", ".tsv", ".json", ".sarif", ".supp", ".stderr", ".sh", ".c", ".cpp",
                ".h", ".junit.xml"}) {
            if (n.endsWith(ext)) return true;
        }
        return false;
    }
}
