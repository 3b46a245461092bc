package dev.leakproof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Describe")
class DescribeTest {

    @Test
    @DisplayName("writes two byte counts far apart with one decimal, as usual")
    void farApart() {
        assertThat(Describe.bytesApart(1024 * 1024, 3 * 1024 * 1024)).containsExactly("1.0 MiB", "3.0 MiB");
    }

    @Test
    @DisplayName("writes two byte counts near each other with the decimals it takes for them to differ")
    void nearEachOther() {
        assertThat(Describe.bytesApart(1024 * 1024, 1024 * 1024 + 20_000)).containsExactly("1.00 MiB", "1.02 MiB");
        assertThat(Describe.bytesApart(1024 * 1024, 1_052_876)).containsExactly("1.000 MiB", "1.004 MiB");
    }

    @Test
    @DisplayName("writes them to the byte when three decimals are not enough")
    void toTheByte() {
        assertThat(Describe.bytesApart(1024 * 1024, 1024 * 1024 + 10)).containsExactly("1,048,576 B", "1,048,586 B");
    }

    @Test
    @DisplayName("writes times per operation to two or three significant digits")
    void durations() {
        assertThat(Describe.duration(850_000)).isEqualTo("850 µs");
        assertThat(Describe.duration(2_340_000)).isEqualTo("2.3 ms");
        assertThat(Describe.duration(900_000_000)).isEqualTo("900 ms");
        assertThat(Describe.duration(95e9)).isEqualTo("1.6 min");
    }
}
