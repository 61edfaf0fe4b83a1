package io.weir.spi.connector;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed connector option with its default and description, as in Flink's {@code ConfigOptions}.
 * A key may contain {@code #} standing for a column name, e.g. {@code fields.#.kind}.
 *
 * @param <T> the parsed value's type
 */
public final class ConfigOption<T> implements Serializable {
    private final String key;
    private final String expected;
    private final T defaultValue;
    private final String description;
    private final transient Function<String, T> parser;
    private final boolean sensitive;

    private ConfigOption(String key, String expected, T defaultValue, String description, Function<String, T> parser) {
        this(key, expected, defaultValue, description, parser, false);
    }

    private ConfigOption(String key, String expected, T defaultValue, String description, Function<String, T> parser,
            boolean sensitive) {
        this.key = requireNonNull(key, "key is null");
        this.expected = requireNonNull(expected, "expected is null");
        this.defaultValue = defaultValue;
        this.description = requireNonNull(description, "description is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.sensitive = sensitive;
    }

    /**
     * This option marked as sensitive (a password or secret key): its value is replaced by
     * {@code '******'} wherever the DDL is shown (SHOW CREATE TABLE), though the catalog keeps it.
     */
    public ConfigOption<T> asSensitive() {
        return new ConfigOption<>(key, expected, defaultValue, description, parser, true);
    }

    /** Whether the value must be hidden when the DDL is shown; {@code false} unless {@link #asSensitive()}. */
    public boolean isSensitive() {
        return sensitive;
    }

    public static ConfigOption<String> string(String key, String defaultValue, String description) {
        return new ConfigOption<>(key, "a string", defaultValue, description, s -> s);
    }

    public static ConfigOption<Long> longValue(String key, Long defaultValue, long min, String description) {
        return new ConfigOption<>(key, "a whole number of at least " + min, defaultValue, description, s -> {
            long value = Long.parseLong(s.trim());
            if (value < min) {
                throw new IllegalArgumentException("below " + min);
            }
            return value;
        });
    }

    public static ConfigOption<Double> doubleValue(String key, Double defaultValue, String description) {
        return new ConfigOption<>(key, "a number", defaultValue, description, s -> Double.parseDouble(s.trim()));
    }

    public static ConfigOption<Boolean> booleanValue(String key, Boolean defaultValue, String description) {
        return new ConfigOption<>(key, "'true' or 'false'", defaultValue, description, s -> {
            String value = s.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("not a boolean");
            }
            return Boolean.parseBoolean(value);
        });
    }

    /** A duration such as {@code 10 s}, {@code 500ms}, {@code 2min}, {@code 1h}; a bare number is milliseconds. */
    public static ConfigOption<Duration> duration(String key, Duration defaultValue, String description) {
        return new ConfigOption<>(key, "a duration such as '10 s', '500 ms' or '2 min'", defaultValue, description,
                Durations::parse);
    }

    /** One of {@code allowed} (case-insensitive), returned in the spelling of {@code allowed}. */
    public static ConfigOption<String> enumeration(String key, String defaultValue, String description, String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return new ConfigOption<>(key, "one of " + String.join(", ", values), defaultValue, description, s -> {
            for (String value : values) {
                if (value.equalsIgnoreCase(s.trim())) {
                    return value;
                }
            }
            throw new IllegalArgumentException("not allowed");
        });
    }

    public String key() {
        return key;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** What a valid value looks like, for error messages: "one of csv, json". */
    public String expected() {
        return expected;
    }

    /** Whether {@code candidate} is this option's key, with any {@code #} matching one column name. */
    public boolean matches(String candidate) {
        int hash = key.indexOf('#');
        if (hash < 0) {
            return key.equals(candidate);
        }
        String prefix = key.substring(0, hash);
        String suffix = key.substring(hash + 1);
        return candidate.length() > prefix.length() + suffix.length()
                && candidate.startsWith(prefix) && candidate.endsWith(suffix);
    }

    /**
     * Parses {@code raw} given for {@code actualKey} of {@code tableName}.
     *
     * @throws WeirException INVALID_OPTION naming the option, the value and what is allowed
     */
    public T parse(String tableName, String actualKey, String raw) {
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + raw + "' for option '" + actualKey
                    + "' of table '" + tableName + "': expected " + expected);
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
