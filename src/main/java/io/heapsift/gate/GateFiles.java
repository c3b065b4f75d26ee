package io.heapsift.gate;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** How trace paths are shown and linked: relative to the working directory when below it, with '/'. */
final class GateFiles {

    private GateFiles() {
    }

    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : p;
        return shown.toString().replace('\\', '/');
    }

    /** A SARIF artifact URI: relative reference below the working directory, else a file: URI. */
    static String uri(Path p) {
        String d = display(p);
        if (d.startsWith("/") || p.isAbsolute() && d.equals(p.toString())) return p.toAbsolutePath().toUri().toString();
        try {
            return new URI(null, null, d, null).toASCIIString();
        } catch (URISyntaxException e) {
            return p.toAbsolutePath().toUri().toString();
        }
    }
}
