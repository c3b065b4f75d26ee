package io.heapsift.model.glibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void defaults_should_match_glibc_on_this_machine() {
        ModelConfig c = ModelConfig.defaults();
        assertThat(c.mmapThreshold()).isEqualTo(131072);
        assertThat(c.trimThreshold()).isEqualTo(131072);
        assertThat(c.topPad()).isEqualTo(131072);
        assertThat(c.mmapMax()).isEqualTo(65536);
        assertThat(c.arenaTest()).isEqualTo(8);
        assertThat(c.tcacheBins()).isEqualTo(64);
        assertThat(c.maxFast()).isEqualTo(128);
        assertThat(c.cpus()).isEqualTo(2);
        assertThat(c.dynamicThresholdFrozen()).isFalse();
    }

    @Test
    void parse_should_accept_names_and_freeze_dynamic_threshold() {
        ModelConfig c = ModelConfig.parse("top_pad=131072,arena_max=2, mxfast=0,cpus=4");
        assertThat(c.topPad()).isEqualTo(131072);
        assertThat(c.dynamicThresholdFrozen()).isTrue();
        assertThat(c.arenaMax()).isEqualTo(2);
        assertThat(c.maxFast()).isEqualTo(16);
        assertThat(c.cpus()).isEqualTo(4);
        assertThat(ModelConfig.parse("MALLOC_MMAP_MAX_=65536").dynamicThresholdFrozen()).isTrue();
        assertThat(ModelConfig.parse("arena_test=2").dynamicThresholdFrozen()).isFalse();
        assertThat(ModelConfig.parse("mmap_threshold=256k").mmapThreshold()).isEqualTo(262144);
        assertThatThrownBy(() -> ModelConfig.parse("nonsense=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void glibc_tunables_should_ignore_foreign_and_out_of_range_values() {
        ModelConfig c = ModelConfig.fromGlibcTunables(
            "glibc.malloc.tcache_count=0:glibc.elision.enable=1:glibc.malloc.tcache_max=5000:glibc.malloc.mxfast=64");
        assertThat(c.tcacheCount()).isZero();
        assertThat(c.tcacheMax()).isEqualTo(1032);
        assertThat(c.maxFast()).isEqualTo(64);
        assertThat(c.dynamicThresholdFrozen()).isFalse();
        assertThat(ModelConfig.fromGlibcTunables("glibc.malloc.tcache_max=100").tcacheBins()).isEqualTo(6);
    }
}
