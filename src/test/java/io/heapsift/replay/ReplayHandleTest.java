package io.heapsift.replay;

import io.heapsift.ingest.Ingest;
import io.heapsift.model.AllocatorModel;
import io.heapsift.model.glibc.PtmallocModel;
import io.heapsift.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The replay keeps its live blocks in the glibc model's own chunks (keyed by trace address) and frees through the
 * model's block handles; with its own table and handles, or its own table and every free looked up by address, it
 * must come out the same, sample for sample. random_1.ltrace has address-less posix_memalign blocks that are bound
 * late (no handle), threads_xfree frees blocks across threads and arenas, realloc grows through mremap.
 */
class ReplayHandleTest {

    /** The glibc model with some methods hidden (they return null): every other call goes through unchanged. */
    private static AllocatorModel hiding(PtmallocModel m, String... hidden) {
        java.util.Set<String> hide = java.util.Set.of(hidden);
        return (AllocatorModel) Proxy.newProxyInstance(AllocatorModel.class.getClassLoader(),
                new Class<?>[] {AllocatorModel.class}, (proxy, method, args) -> {
                    if (hide.contains(method.getName())) return null;
                    try {
                        return method.invoke(m, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"random_1.ltrace.txt.gz", "threads_xfree.bpftrace.txt", "realloc.bpftrace.txt",
        "holes_10000_2.ltrace.txt"})
    void replay_with_handles_equals_replay_by_address(String name) throws Exception {
        Path trace = TestFiles.fixtures().resolve("workloads").resolve(name);
        assumeTrue(Files.exists(trace), "fixture " + name);
        ReplayOptions opts = ReplayOptions.defaults();
        Replayer keyed = new Replayer(new PtmallocModel(), opts, "defaults");
        Replayer withHandles = new Replayer(hiding(new PtmallocModel(), "liveBlocks"), opts, "defaults");
        Replayer byAddress = new Replayer(hiding(new PtmallocModel(), "liveBlocks", "lastBlock"), opts, "defaults");
        Ingest.standard().parse(trace, null, keyed);
        Ingest.standard().parse(trace, null, withHandles);
        Ingest.standard().parse(trace, null, byAddress);
        ReplayResult a = keyed.result();
        assertThat(a.events()).isGreaterThan(50);
        assertThat(a).usingRecursiveComparison().isEqualTo(withHandles.result());
        assertThat(a).usingRecursiveComparison().isEqualTo(byAddress.result());
    }
}
