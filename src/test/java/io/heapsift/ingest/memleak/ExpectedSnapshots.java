package io.heapsift.ingest.memleak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a snapshot capture says, read with plain regular expressions independently of the parser:
 * per snapshot the "B bytes in C allocations" groups and the number of frame lines under each, and
 * the address lines. Tests compare the parser's events with this so nothing is lost or counted twice.
 */
final class ExpectedSnapshots {

    static final Pattern HEADER = Pattern.compile("^(\\^C)?\\[\\d{1,2}:\\d{1,2}:\\d{1,2}\\] Top (\\d+) stacks with outstanding allocations:$");
    static final Pattern GROUP = Pattern.compile("^\\t?(\\d+) bytes in (\\d+) allocations from stack$");
    static final Pattern PY_FRAME = Pattern.compile("^\\t\\t\\S.*$");
    static final Pattern LIBBPF_FRAME = Pattern.compile("^\\t\\d+ \\[<[0-9a-f]{16}>\\].*$");
    static final Pattern ADDR = Pattern.compile("^\\taddr = (0x)?([0-9a-f]+) size = (\\d+)$");
    /** The fixture programs' own stdout lines. */
    static final Pattern PROGRAM = Pattern.compile("(growth: \\d+ chunks|leaky: start, \\d+ rounds|leaky: done)");

    /** One group line and the frame lines under it. */
    record Group(long bytes, long blocks, int frames) {
    }

    /** One header and its groups, and the requested/printed "Top N". */
    record Snapshot(int top, List<Group> groups) {
    }

    final List<Snapshot> snapshots = new ArrayList<>();
    /** Lines holding an "addr = " record (also when the program's output split the line). */
    long addressRecords;
    /** Complete address lines: their sizes, in order. */
    final List<Long> addressSizes = new ArrayList<>();
    /** Occurrences of the programs' own output. */
    long programLines;

    static ExpectedSnapshots scan(Path file) throws IOException {
        ExpectedSnapshots e = new ExpectedSnapshots();
        List<Group> groups = null;
        long bytes = 0, blocks = 0;
        int frames = -1;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (PROGRAM.matcher(line).find()) e.programLines++;
            if (line.contains("\taddr = ")) e.addressRecords++;
            Matcher m;
            if ((m = HEADER.matcher(line)).matches()) {
                if (frames >= 0) groups.add(new Group(bytes, blocks, frames));
                frames = -1;
                groups = new ArrayList<>();
                e.snapshots.add(new Snapshot(Integer.parseInt(m.group(2)), groups));
            } else if ((m = GROUP.matcher(line)).matches()) {
                if (frames >= 0) groups.add(new Group(bytes, blocks, frames));
                bytes = Long.parseLong(m.group(1));
                blocks = Long.parseLong(m.group(2));
                frames = 0;
            } else if ((m = ADDR.matcher(line)).matches()) {
                e.addressSizes.add(Long.parseLong(m.group(3)));
            } else if (frames >= 0 && (PY_FRAME.matcher(line).matches() || LIBBPF_FRAME.matcher(line).matches())) {
                frames++;
            }
        }
        if (frames >= 0) groups.add(new Group(bytes, blocks, frames));
        return e;
    }
}
