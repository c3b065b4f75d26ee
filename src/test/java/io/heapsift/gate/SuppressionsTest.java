package io.heapsift.gate;

import io.heapsift.cli.CliRunner;
import io.heapsift.event.Frame;
import io.heapsift.event.LeakKind;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionsTest {

    private static final String LEAF = "{\n   leaf blocks\n   Memcheck:Leak\n   match-leak-kinds: definite\n"
            + "   fun:malloc\n   fun:leaf_alloc\n   fun:mid\n   ...\n   fun:main\n}\n";

    private static Leak leak(LeakKind kind, Frame... frames) {
        Stack s = new Stacks().intern(List.of(frames));
        return new Leak(StackKeys.key(s), kind, 16, 1, 1, s, Double.NaN);
    }

    @Test
    void grammarReadsBlocksCommentsParamExtraLineAndKinds() throws Exception {
        String text = "# comment\n\n" + LEAF + "{\n  param one\n  Memcheck:Param\n  write(buf)\n  fun:write\n  obj:*libc*\n}\n"
                + "{\n  all kinds\n  Memcheck,Helgrind:Leak\n  match-leak-kinds: all\n  src:leaky.c:25\n  fun:?id\n}\n";
        List<ValgrindSuppression> s = SuppFileParser.parse(text, "x.supp");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).name()).isEqualTo("leaf blocks");
        assertThat(s.get(0).kinds()).containsExactly(LeakKind.DEFINITE);
        assertThat(s.get(0).frames()).extracting(FramePattern::line)
                .containsExactly("fun:malloc", "fun:leaf_alloc", "fun:mid", "...", "fun:main");
        assertThat(s.get(0).origin()).isEqualTo("x.supp:3");
        assertThat(s.get(1).isLeak()).isFalse();
        assertThat(s.get(2).isLeak()).isTrue();
        assertThat(s.get(2).kinds()).contains(LeakKind.REACHABLE, LeakKind.POSSIBLE);
    }

    @Test
    void badFilesArePositioned() {
        assertThatThrownBy(() -> SuppFileParser.parse("{\n  name\n  Memcheck:Leak\n  fun:x\n", "bad.supp"))
                .isInstanceOf(GateConfigException.class).hasMessageStartingWith("bad.supp:5:");
        assertThatThrownBy(() -> SuppFileParser.parse("{\n n\n Memcheck:Leak\n match-leak-kinds: sometimes\n}\n", "k.supp"))
                .hasMessageContaining("k.supp:4:").hasMessageContaining("sometimes");
        assertThatThrownBy(() -> LsanFileParser.parse("leak:foo\nrace:bar\n", "l.txt")).hasMessageStartingWith("l.txt:2:1:");
    }

    @Test
    void valgrindMatchingWithWildcardsEllipsisAndAllocatorFrames() throws Exception {
        ValgrindSuppression s = SuppFileParser.parse(LEAF, "x").get(0);
        Frame malloc = Frame.of("malloc", "/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so");
        Frame leaf = Frame.of("leaf_alloc"), mid = Frame.of("mid"), small = Frame.of("leak_small_blocks"), main = Frame.of("main");
        assertThat(s.matches(leak(LeakKind.DEFINITE, malloc, leaf, mid, small, main))).isTrue();
        // bpftrace/memleak stacks start at the allocator's caller
        assertThat(s.matches(leak(null, leaf, mid, small, main))).isTrue();
        assertThat(s.matches(leak(LeakKind.REACHABLE, malloc, leaf, mid, small, main))).as("kind filter").isFalse();
        assertThat(s.matches(leak(LeakKind.DEFINITE, malloc, mid, leaf, main))).isFalse();
        assertThat(s.matches(leak(LeakKind.DEFINITE, malloc, leaf, mid, small))).as("main required").isFalse();
        ValgrindSuppression w = SuppFileParser.parse("{\n w\n Memcheck:Leak\n fun:*alloc\n obj:*leaky\n}\n", "w").get(0);
        assertThat(w.matches(leak(null, Frame.of("leaf_alloc"), Frame.of("mid", "/tmp/leaky")))).isTrue();
        assertThat(w.matches(leak(null, Frame.of("leaf_alloc"), Frame.of("mid", "/tmp/tidy")))).isFalse();
    }

    @Test
    void lsanPatternsAreSubstringsWithAnchorsAndStars() {
        Leak l = leak(null, Frame.of("leaf_alloc", "/tmp/leaky"), Frame.of("main", "/tmp/leaky"));
        assertThat(LsanSuppression.of("leaf", "x").matches(l)).isTrue();
        assertThat(LsanSuppression.of("^leaf_alloc$", "x").matches(l)).isTrue();
        assertThat(LsanSuppression.of("^alloc", "x").matches(l)).isFalse();
        assertThat(LsanSuppression.of("l*f_a", "x").matches(l)).isTrue();
        assertThat(LsanSuppression.of("leaky$", "x").matches(l)).as("module").isTrue();
        assertThat(LsanSuppression.of("tidy", "x").matches(l)).isFalse();
    }

    @Test
    void suppressionsTurnAFailureIntoAPassWithHitCounts(@TempDir Path tmp) throws Exception {
        Path supp = tmp.resolve("leaky.supp");
        Files.writeString(supp, "{\n   leaky-definite\n   Memcheck:Leak\n   match-leak-kinds: definite,possible\n"
                + "   ...\n   fun:main\n}\n{\n   never-used\n   Memcheck:Leak\n   fun:no_such_function\n}\n");
        Path trace = TestFiles.fixture("valgrind/leaky.memcheck.txt");
        CliRunner.Result before = CliRunner.run("gate", trace.toString());
        assertThat(before.exit()).isEqualTo(4);
        CliRunner.Result after = CliRunner.run("gate", "--suppressions", supp.toString(), trace.toString());
        assertThat(after.exit()).as(after.out()).isEqualTo(0);
        assertThat(after.out()).containsPattern("4 stacks +1344 bytes +11 blocks +leaky-definite \\(.*leaky.supp:1\\)")
                .contains("unused suppressions:").contains("never-used (");
        // the same file applies to a capture of another tool, without leak kinds
        CliRunner.Result memleak = CliRunner.run("gate", "-s", supp.toString(),
                TestFiles.fixture("memleak/leaky.memleak.txt").toString());
        assertThat(memleak.exit()).as(memleak.out()).isEqualTo(4); // __strdup's block has no main frame (libc unwinding)
        assertThat(memleak.out()).contains("bytes at __strdup is 30").doesNotContain("at leaf_alloc");
    }

    @Test
    void lsanFileOnAnotherFormat(@TempDir Path tmp) throws Exception {
        Path lsan = tmp.resolve("lsan.txt");
        Files.writeString(lsan, "# LSan\nleak:^leaf_alloc$\nleak:unused_pattern\n");
        CliRunner.Result r = CliRunner.run("gate", "-s", lsan.toString(), TestFiles.fixture("memleak/leaky.memleak.txt").toString());
        assertThat(r.out()).doesNotContain("at leaf_alloc").contains("leak:^leaf_alloc$ (").contains("leak:unused_pattern (");
        assertThat(r.out()).containsPattern("1 stack +256 bytes +16 blocks +leak:\\^leaf_alloc\\$");
    }

    @Test
    void genSuppressionsRoundTrip(@TempDir Path tmp) throws Exception {
        for (String rel : List.of("valgrind/leaky.memcheck.txt", "memleak/leaky.memleak.txt", "valgrind/cxx_leaks.memcheck.xml")) {
            Path trace = TestFiles.fixture(rel);
            CliRunner.Result gen = CliRunner.run("gate", "--gen-suppressions", trace.toString());
            String out = gen.out();
            String valgrind = out.substring(out.indexOf("# heapsift gate --gen-suppressions"), out.indexOf("# LeakSanitizer format"));
            String lsan = out.substring(out.indexOf("# LeakSanitizer format"));
            if (rel.startsWith("valgrind/leaky")) {
                assertThat(valgrind).contains("match-leak-kinds: definite\n   fun:malloc\n   fun:leaf_alloc\n   fun:mid\n"
                        + "   fun:leak_small_blocks\n   fun:main\n}");
                assertThat(lsan).contains("leak:leaf_alloc\n");
            }
            Path supp = tmp.resolve("gen.supp"), ls = tmp.resolve("gen.lsan");
            Files.writeString(supp, valgrind);
            Files.writeString(ls, lsan);
            assertThat(CliRunner.run("gate", "-s", supp.toString(), trace.toString()).exit()).as(rel + " valgrind form").isEqualTo(0);
            assertThat(CliRunner.run("gate", "-s", ls.toString(), trace.toString()).exit()).as(rel + " LSan form").isEqualTo(0);
        }
    }
}
