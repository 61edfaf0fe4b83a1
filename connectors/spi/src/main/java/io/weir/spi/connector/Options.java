package io.weir.spi.connector;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code WITH (...)} options of one table, checked against its connector's declared options:
 * every key known, every value parsed. Keys are case-sensitive, as in Flink.
 */
public final class Options implements Serializable {
    private final String tableName;
    private final Map<String, String> raw;

    private Options(String tableName, Map<String, String> raw) {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /**
     * Validates {@code raw} (without the {@code connector} key) against {@code declared}.
     *
     * @throws WeirException INVALID_OPTION for an unknown key (listing the known ones) or a bad value
     */
    public static Options validate(String tableName, String connector, Map<String, String> raw,
            List<ConfigOption<?>> declared) {
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            if (entry.getKey().equals("connector")) {
                continue;
            }
            ConfigOption<?> option = find(declared, entry.getKey());
            if (option == null) {
                TreeSet<String> known = new TreeSet<>();
                declared.forEach(o -> known.add(o.key()));
                throw new WeirException(ErrorCode.INVALID_OPTION, "Unknown option '" + entry.getKey() + "' for table '"
                        + tableName + "' (connector '" + connector + "'); supported options: " + String.join(", ", known));
            }
            option.parse(tableName, entry.getKey(), entry.getValue());
        }
        return new Options(tableName, raw);
    }

    private static ConfigOption<?> find(List<ConfigOption<?>> declared, String key) {
        for (ConfigOption<?> option : declared) {
            if (option.matches(key)) {
                return option;
            }
        }
        return null;
    }

    public String tableName() {
        return tableName;
    }

    /** The option's value, or its default, or empty. */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        String value = raw.get(option.key());
        if (value == null) {
            return option.defaultValue();
        }
        return Optional.of(option.parse(tableName, option.key(), value));
    }

    /** The option's value or default; fails naming the option when neither is there. */
    public <T> T get(ConfigOption<T> option) {
        return getOptional(option).orElseThrow(() -> new WeirException(ErrorCode.INVALID_OPTION,
                "Table '" + tableName + "' needs the option '" + option.key() + "' (" + option.description() + ")"));
    }

    /** The value of a {@code #} option for one column, e.g. {@code fields.id.kind}. */
    public <T> Optional<T> getForColumn(ConfigOption<T> option, String column) {
        String key = option.key().replace("#", column);
        String value = raw.get(key);
        if (value == null) {
            return option.defaultValue();
        }
        return Optional.of(option.parse(tableName, key, value));
    }

    /** The column names that appear in place of {@code #} in the given option's keys. */
    public List<String> columnsMentioned(ConfigOption<?> option) {
        int hash = option.key().indexOf('#');
        List<String> columns = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (hash >= 0 && option.matches(key)) {
                columns.add(key.substring(hash, key.length() - (option.key().length() - hash - 1)));
            }
        }
        return columns;
    }

    public Map<String, String> asMap() {
        return raw;
    }
}
