package io.weir.spi.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final ConfigOption<Long> ROWS = ConfigOption.longValue("number-of-rows", null, 0, "rows");
    private static final ConfigOption<String> KIND =
            ConfigOption.enumeration("fields.#.kind", "random", "kind", "random", "sequence");
    private static final ConfigOption<Duration> INTERVAL = ConfigOption.duration("interval", Duration.ofSeconds(1), "i");
    private static final ConfigOption<Boolean> FLAG = ConfigOption.booleanValue("flag", false, "f");
    private static final List<ConfigOption<?>> DECLARED = List.of(ROWS, KIND, INTERVAL, FLAG);

    @Test
    void validOptionsParseWithDefaults() {
        Options options = Options.validate("t", "x", Map.of("connector", "x", "number-of-rows", "10",
                "fields.id.kind", "SEQUENCE", "interval", "500 ms"), DECLARED);
        assertThat(options.get(ROWS)).isEqualTo(10L);
        assertThat(options.getForColumn(KIND, "id")).contains("sequence");
        assertThat(options.getForColumn(KIND, "other")).contains("random");
        assertThat(options.get(INTERVAL)).isEqualTo(Duration.ofMillis(500));
        assertThat(options.get(FLAG)).isFalse();
        assertThat(options.columnsMentioned(KIND)).containsExactly("id");
    }

    @Test
    void badValueNamesTheOptionTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> Options.validate("bad", "x", Map.of("number-of-rows", "many"), DECLARED))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("'many'").hasMessageContaining("'number-of-rows'")
                .hasMessageContaining("'bad'").hasMessageContaining("whole number")
                .extracting(e -> ((WeirException) e).code()).isEqualTo(ErrorCode.INVALID_OPTION);
        assertThatThrownBy(() -> Options.validate("t", "x", Map.of("fields.a.kind", "zigzag"), DECLARED))
                .hasMessageContaining("one of random, sequence");
        assertThatThrownBy(() -> Options.validate("t", "x", Map.of("number-of-rows", "-1"), DECLARED))
                .hasMessageContaining("at least 0");
        assertThatThrownBy(() -> Options.validate("t", "x", Map.of("flag", "yes"), DECLARED))
                .hasMessageContaining("'true' or 'false'");
    }

    @Test
    void unknownOptionListsTheSupportedOnes() {
        assertThatThrownBy(() -> Options.validate("t", "x", Map.of("nmber-of-rows", "1"), DECLARED))
                .hasMessageContaining("Unknown option 'nmber-of-rows'")
                .hasMessageContaining("fields.#.kind, flag, interval, number-of-rows");
    }

    @Test
    void missingRequiredOptionIsNamed() {
        Options options = Options.validate("t", "x", Map.of(), DECLARED);
        assertThat(options.getOptional(ROWS)).isEmpty();
        assertThatThrownBy(() -> options.get(ROWS)).hasMessageContaining("needs the option 'number-of-rows'");
    }

    @Test
    void hashKeysMatchOneColumnName() {
        assertThat(KIND.matches("fields.id.kind")).isTrue();
        assertThat(KIND.matches("fields..kind")).isFalse();
        assertThat(KIND.matches("fields.id.length")).isFalse();
        assertThat(ROWS.matches("number-of-rows")).isTrue();
    }

    @Test
    void durationsAcceptFlinkSpellings() {
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("10 s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2 min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("5 fortnights")).isInstanceOf(IllegalArgumentException.class);
    }
}
