package dev.leakproof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sparkline")
class SparklineTest {

    @Test
    @DisplayName("of a growth spans the bars from its lowest reading to its highest")
    void growthFromLowestToHighest() {
        assertThat(Sparkline.of(List.of(200L, 300L, 400L, 900L))).isEqualTo("▁▂▃█");
    }

    @Test
    @DisplayName("from zero draws equal values as equal bars")
    void fromZeroDrawsEqualValuesEqually() {
        assertThat(Sparkline.fromZero(List.of(8_500_000L, 8_500_000L, 8_500_000L))).isEqualTo("███");
    }

    @Test
    @DisplayName("from zero does not turn a few percent of noise into a swing across all bars")
    void fromZeroIgnoresSmallNoise() {
        // 8.1 MiB a request, give or take a few KiB: scaled from lowest to highest, it spanned every bar
        List<Long> perRequest = List.of(8_502_000L, 8_497_000L, 8_495_000L, 8_494_000L, 8_490_000L,
                8_494_000L, 8_494_000L, 8_490_000L);

        assertThat(Sparkline.fromZero(perRequest)).isEqualTo("████████");
    }

    @Test
    @DisplayName("from zero keeps the proportions of values that differ, and draws nothing as the lowest bar")
    void fromZeroKeepsProportions() {
        assertThat(Sparkline.fromZero(List.of(0L, 50L, 100L, -10L))).isEqualTo("▁▅█▁");
    }
}
