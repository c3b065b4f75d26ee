package io.heapsift.gate;

import io.heapsift.event.Frame;
import io.heapsift.event.Stack;
import io.heapsift.event.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StackKeysTest {

    private static Stack stack(Frame... f) {
        return new Stacks().intern(List.of(f));
    }

    @Test
    void valgrindAndTracerStacksOfOneLeakHaveOneKey() {
        Stack valgrind = stack(Frame.of("malloc", "/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so"),
                new Frame("leaf_alloc", -1, null, "leaky.c", 25, 0x109231), new Frame("mid", -1, null, "leaky.c", 30, 0),
                new Frame("leak_small_blocks", -1, null, "leaky.c", 38, 0), new Frame("main", -1, null, "leaky.c", 117, 0));
        Stack bpftrace = stack(new Frame("leaf_alloc", 0x18, "/tmp/heapsift-programs/leaky", null, 0, 0x55ce42141231L),
                new Frame("mid", 0x18, "/tmp/heapsift-programs/leaky", null, 0, 0),
                new Frame("leak_small_blocks", 0x1e, "/tmp/heapsift-programs/leaky", null, 0, 0),
                new Frame("main", 0xc2, "/tmp/heapsift-programs/leaky", null, 0, 0),
                new Frame("__libc_start_call_main", 0x7a, "/usr/lib/x86_64-linux-gnu/libc.so.6", null, 0, 0));
        assertThat(StackKeys.key(valgrind)).isEqualTo("leaf_alloc ← mid ← leak_small_blocks ← main")
                .isEqualTo(StackKeys.key(bpftrace));
    }

    @Test
    void runtimeOnlyStacksStayWholeAndCxxTemplatesAreSkipped() {
        assertThat(StackKeys.key(stack(Frame.of("_IO_file_doallocate", "/usr/lib/x86_64-linux-gnu/libc.so.6"))))
                .isEqualTo("_IO_file_doallocate");
        assertThat(StackKeys.key(stack(Frame.of("operator new(unsigned long)", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30"),
                Frame.of("std::allocator_traits<std::allocator<int> >::allocate(std::allocator<int>&, unsigned long)", "/tmp/cxx"),
                Frame.of("void std::vector<int, std::allocator<int> >::_M_realloc_insert<int>(int&&)", "/tmp/cxx"),
                Frame.of("fill_names(int)", "/tmp/cxx"), Frame.of("main", "/tmp/cxx"))))
                .isEqualTo("fill_names(int) ← main");
        assertThat(StackKeys.key(stack(Frame.of("_Znwm", "libstdc++.so.6"), Frame.of("_ZNSt6vectorIiSaIiEE9push_backEOi", "/tmp/cxx"),
                Frame.of("_ZL10fill_namesi", "/tmp/cxx")))).isEqualTo("_ZL10fill_namesi");
        assertThat(StackKeys.key(stack(Frame.of("__GI___strdup", "libc.so.6")))).isEqualTo("__strdup");
        assertThat(StackKeys.key(Stack.EMPTY)).isEqualTo(StackKeys.NO_STACK);
    }
}
