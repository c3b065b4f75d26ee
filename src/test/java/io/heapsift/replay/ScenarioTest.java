package io.heapsift.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest {

    @Test
    void malloc_settings_and_glibc_tunables_map_to_the_model_config() {
        Scenario s = Scenario.defaults().withGlibcTunables("glibc.malloc.arena_max=2:glibc.rtld.nns=4:glibc.malloc.nope=1")
                .with("mmap_threshold=64k,top_pad=0,tcache_count=0");
        assertThat(s.config().arenaMax()).isEqualTo(2);
        assertThat(s.config().mmapThreshold()).isEqualTo(65536);
        assertThat(s.config().topPad()).isZero();
        assertThat(s.config().tcacheCount()).isZero();
        assertThat(s.config().dynamicThresholdFrozen()).isTrue();
        assertThat(s.label()).isEqualTo("arena_max=2,mmap_threshold=64k,top_pad=0,tcache_count=0"); // as given, in order
    }

    @Test
    void compare_specs_stack_on_the_base_and_may_add_a_periodic_trim() {
        Scenario base = Scenario.defaults().with("arena_max=4");
        Scenario w = base.with("trim_every=10s,mxfast=0");
        assertThat(w.config().arenaMax()).isEqualTo(4);
        assertThat(w.config().mxfast()).isZero();
        assertThat(w.trim().nanos()).isEqualTo(10_000_000_000L);
        assertThat(w.label()).endsWith("trim_every=10s");
    }

    @Test
    void unknown_names_and_bad_values_are_refused() {
        assertThatThrownBy(() -> Scenario.defaults().with("mmap_treshold=1")).hasMessageContaining("mmap_treshold");
        assertThatThrownBy(() -> Scenario.defaults().with("top_pad=lots")).hasMessageContaining("lots");
        assertThatThrownBy(() -> Scenario.defaults().with("top_pad")).hasMessageContaining("name=value");
    }

    @Test
    void trim_schedules_are_event_counts_or_durations() {
        assertThat(TrimSchedule.parse("1000")).isEqualTo(new TrimSchedule(1000, 0));
        assertThat(TrimSchedule.parse("500ms")).isEqualTo(new TrimSchedule(0, 500_000_000L));
        assertThat(TrimSchedule.parse("1m").nanos()).isEqualTo(60_000_000_000L);
        assertThat(TrimSchedule.parse("1.5s").nanos()).isEqualTo(1_500_000_000L);
        assertThat(TrimSchedule.parse("off").never()).isTrue();
        assertThatThrownBy(() -> TrimSchedule.parse("10 parsecs")).hasMessageContaining("duration");
    }
}
