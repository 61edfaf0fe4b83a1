package io.weir.connector.datagen;

import io.weir.spi.connector.ConfigOption;
import java.time.Duration;
import java.util.List;

/** The options of the {@code datagen} connector, named and defaulted as Flink's {@code DataGenConnectorOptions}. */
public final class DataGenOptions {
    public static final ConfigOption<Long> NUMBER_OF_ROWS = ConfigOption.longValue("number-of-rows", null, 0,
            "Total number of rows to emit; unbounded when absent (unless a sequence field bounds the table).");
    public static final ConfigOption<Long> ROWS_PER_SECOND = ConfigOption.longValue("rows-per-second", 10_000L, 1,
            "Rows per second for the whole table, divided among its subtasks. Applied to unbounded tables, and to "
                    + "bounded ones only when set explicitly.");
    public static final ConfigOption<String> FIELD_KIND = ConfigOption.enumeration("fields.#.kind", "random",
            "Generator of the column: random or sequence.", "random", "sequence");
    public static final ConfigOption<String> FIELD_MIN = ConfigOption.string("fields.#.min", null,
            "Smallest random value of a numeric column; default the type's minimum.");
    public static final ConfigOption<String> FIELD_MAX = ConfigOption.string("fields.#.max", null,
            "Largest random value of a numeric column; default the type's maximum.");
    public static final ConfigOption<Duration> FIELD_MAX_PAST = ConfigOption.duration("fields.#.max-past",
            Duration.ZERO, "How far in the past a random DATE, TIME or TIMESTAMP may be; 0 means now.");
    public static final ConfigOption<Long> FIELD_LENGTH = ConfigOption.longValue("fields.#.length", 100L, 0,
            "Length of a random CHAR/STRING (alphanumeric) or BYTES value.");
    public static final ConfigOption<String> FIELD_START = ConfigOption.string("fields.#.start", null,
            "First value of a sequence column (required for kind 'sequence').");
    public static final ConfigOption<String> FIELD_END = ConfigOption.string("fields.#.end", null,
            "Last value of a sequence column, inclusive (required for kind 'sequence').");
    public static final ConfigOption<Double> FIELD_NULL_RATE = ConfigOption.doubleValue("fields.#.null-rate", 0.0,
            "Fraction of NULL values in the column, between 0 and 1.");

    /** The per-column options, those whose key contains {@code #}. */
    public static final List<ConfigOption<?>> FIELD_OPTIONS = List.of(FIELD_KIND, FIELD_MIN, FIELD_MAX,
            FIELD_MAX_PAST, FIELD_LENGTH, FIELD_START, FIELD_END, FIELD_NULL_RATE);

    /** Every option the connector accepts. */
    public static final List<ConfigOption<?>> ALL = List.of(NUMBER_OF_ROWS, ROWS_PER_SECOND, FIELD_KIND, FIELD_MIN,
            FIELD_MAX, FIELD_MAX_PAST, FIELD_LENGTH, FIELD_START, FIELD_END, FIELD_NULL_RATE);

    private DataGenOptions() {
    }
}
