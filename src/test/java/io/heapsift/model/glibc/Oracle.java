package io.heapsift.model.glibc;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapsift.model.MallInfo;

/** Helpers to compare the model with the oracle tables of design/ptmalloc.md §18. */
final class Oracle {
    private Oracle() {
    }

    /**
     * Parses the mallinfo2 columns of an oracle row: arena ordblks smblks hblks hblkhd uordblks fordblks fsmblks
     * keepcost (extra trailing columns such as brk_delta/RSS are ignored).
     */
    static MallInfo mi(String row) {
        String[] f = row.trim().split("\\s+");
        long[] v = new long[9];
        for (int i = 0; i < 9; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return new MallInfo(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** Asserts the model's mallinfo2 equals the oracle row, and the model's invariants hold. */
    static void expect(PtmallocModel m, String step, String row) {
        assertThat(m.mallinfo()).as(step).isEqualTo(mi(row));
        assertThat(Invariants.check(m)).as(step + " invariants").isEmpty();
    }

    /** Asserts the model's RSS moved like the oracle's RssAnon (kB), within tolerance kB. */
    static void expectRssDelta(PtmallocModel m, long baseRssBytes, long anonBaseKb, long anonKb, long tolKb) {
        long modelDeltaKb = (m.residentBytes() - baseRssBytes) / 1024;
        assertThat(modelDeltaKb).as("RSS delta kB (oracle %d)", anonKb - anonBaseKb)
            .isBetween(anonKb - anonBaseKb - tolKb, anonKb - anonBaseKb + tolKb);
    }
}
