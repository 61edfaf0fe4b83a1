package io.weir.connector.datagen;

import static io.weir.connector.datagen.DataGenOptions.FIELD_END;
import static io.weir.connector.datagen.DataGenOptions.FIELD_KIND;
import static io.weir.connector.datagen.DataGenOptions.FIELD_LENGTH;
import static io.weir.connector.datagen.DataGenOptions.FIELD_MAX;
import static io.weir.connector.datagen.DataGenOptions.FIELD_MAX_PAST;
import static io.weir.connector.datagen.DataGenOptions.FIELD_MIN;
import static io.weir.connector.datagen.DataGenOptions.FIELD_NULL_RATE;
import static io.weir.connector.datagen.DataGenOptions.FIELD_OPTIONS;
import static io.weir.connector.datagen.DataGenOptions.FIELD_START;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableContext;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the {@code fields.#.*} options of a datagen table into one {@link FieldSpec} per column,
 * failing with INVALID_OPTION on an option that names no column, does not apply to the column's
 * type, or is out of the type's range.
 */
final class FieldSpecs {
    private FieldSpecs() {
    }

    static List<FieldSpec> resolve(TableContext context) {
        Map<String, Map<ConfigOption<?>, String>> byColumn = groupByColumn(context);
        RowType schema = context.schema();
        List<FieldSpec> specs = new ArrayList<>(schema.size());
        for (io.weir.spi.type.Field field : schema.fields()) {
            Map<ConfigOption<?>, String> keys = byColumn.getOrDefault(field.name(), Map.of());
            specs.add(resolve(context, field.name(), field.type(), keys));
        }
        return List.copyOf(specs);
    }

    /** Maps column name → option → the actual key used, failing on keys that name no column. */
    private static Map<String, Map<ConfigOption<?>, String>> groupByColumn(TableContext context) {
        Map<String, Map<ConfigOption<?>, String>> byColumn = new HashMap<>();
        List<String> names = context.schema().names();
        for (String key : context.options().asMap().keySet()) {
            for (ConfigOption<?> option : FIELD_OPTIONS) {
                if (!option.matches(key)) {
                    continue;
                }
                String column = key.substring("fields.".length(),
                        key.length() - (option.key().length() - "fields.#".length()));
                String resolved = resolveColumn(names, column);
                if (resolved == null) {
                    throw new WeirException(ErrorCode.INVALID_OPTION, "Option '" + key + "' names no column of table '"
                            + context.tableName() + "'; columns: " + String.join(", ", names));
                }
                byColumn.computeIfAbsent(resolved, c -> new HashMap<>()).put(option, key);
                break;
            }
        }
        return byColumn;
    }

    private static String resolveColumn(List<String> names, String column) {
        if (names.contains(column)) {
            return column;
        }
        String match = null;
        for (String name : names) {
            if (name.equalsIgnoreCase(column)) {
                if (match != null) {
                    return null;
                }
                match = name;
            }
        }
        return match;
    }

    private static FieldSpec resolve(TableContext context, String name, DataType type,
            Map<ConfigOption<?>, String> keys) {
        Values values = new Values(context, keys);
        FieldSpec.Kind kind = values.get(FIELD_KIND).equals("sequence") ? FieldSpec.Kind.SEQUENCE
                : FieldSpec.Kind.RANDOM;
        double nullRate = values.get(FIELD_NULL_RATE);
        if (nullRate < 0 || nullRate > 1) {
            throw values.invalid(FIELD_NULL_RATE, "a number between 0 and 1");
        }
        checkApplies(values, name, type, kind);
        int length = (int) Math.min(Integer.MAX_VALUE, values.get(FIELD_LENGTH));
        if (type.kind().isCharacter() && type.precision() > 0) {
            length = Math.min(length, type.precision());
        }
        long maxPast = values.get(FIELD_MAX_PAST).toMillis();
        if (kind == FieldSpec.Kind.SEQUENCE) {
            BigDecimal start = values.number(FIELD_START, type, null);
            BigDecimal end = values.number(FIELD_END, type, null);
            if (start == null || end == null) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Sequence column '" + name + "' of table '"
                        + context.tableName() + "' needs both 'fields." + name + ".start' and 'fields." + name + ".end'");
            }
            if (start.compareTo(end) > 0) {
                throw values.invalid(FIELD_END, "a value not below fields." + name + ".start (" + start + ")");
            }
            return new FieldSpec(name, type, kind, null, null, length, maxPast, start, end, nullRate);
        }
        BigDecimal min = values.number(FIELD_MIN, type, typeMin(type));
        BigDecimal max = values.number(FIELD_MAX, type, typeMax(type));
        if (min != null && min.compareTo(max) > 0) {
            throw values.invalid(FIELD_MAX, "a value not below fields." + name + ".min (" + min + ")");
        }
        return new FieldSpec(name, type, kind, min, max, length, maxPast, null, null, nullRate);
    }

    private static void checkApplies(Values values, String name, DataType type, FieldSpec.Kind kind) {
        TypeKind typeKind = type.kind();
        boolean numeric = typeKind.isNumeric();
        boolean temporal = typeKind == TypeKind.DATE || typeKind == TypeKind.TIME || typeKind == TypeKind.TIMESTAMP
                || typeKind == TypeKind.TIMESTAMP_LTZ;
        boolean sequence = kind == FieldSpec.Kind.SEQUENCE;
        if (sequence && !numeric && !typeKind.isCharacter()) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Column '" + name + "' of table '"
                    + values.context.tableName() + "' has type " + type + ", which cannot be a sequence; "
                    + "sequences are numeric or character columns");
        }
        if (!temporal && !numeric && !typeKind.isCharacter() && typeKind != TypeKind.BYTES
                && typeKind != TypeKind.BOOLEAN) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "datagen cannot generate column '" + name
                    + "' of type " + type + " (table '" + values.context.tableName() + "')");
        }
        values.requireApplies(FIELD_MIN, name, type, numeric && !sequence);
        values.requireApplies(FIELD_MAX, name, type, numeric && !sequence);
        values.requireApplies(FIELD_MAX_PAST, name, type, temporal);
        values.requireApplies(FIELD_LENGTH, name, type,
                !sequence && (typeKind.isCharacter() || typeKind == TypeKind.BYTES));
        values.requireApplies(FIELD_START, name, type, sequence);
        values.requireApplies(FIELD_END, name, type, sequence);
    }

    static BigDecimal typeMin(DataType type) {
        return switch (type.kind()) {
            case TINYINT -> BigDecimal.valueOf(Byte.MIN_VALUE);
            case SMALLINT -> BigDecimal.valueOf(Short.MIN_VALUE);
            case INT -> BigDecimal.valueOf(Integer.MIN_VALUE);
            case BIGINT -> BigDecimal.valueOf(Long.MIN_VALUE);
            case FLOAT -> new BigDecimal(-Float.MAX_VALUE);
            case DOUBLE -> new BigDecimal(-Double.MAX_VALUE);
            case DECIMAL -> typeMax(type).negate();
            default -> null;
        };
    }

    static BigDecimal typeMax(DataType type) {
        return switch (type.kind()) {
            case TINYINT -> BigDecimal.valueOf(Byte.MAX_VALUE);
            case SMALLINT -> BigDecimal.valueOf(Short.MAX_VALUE);
            case INT -> BigDecimal.valueOf(Integer.MAX_VALUE);
            case BIGINT -> BigDecimal.valueOf(Long.MAX_VALUE);
            case FLOAT -> new BigDecimal(Float.MAX_VALUE);
            case DOUBLE -> new BigDecimal(Double.MAX_VALUE);
            case DECIMAL -> new BigDecimal(BigInteger.TEN.pow(type.precision()).subtract(BigInteger.ONE), type.scale());
            default -> null;
        };
    }

    /** The options of one column: parsed values and errors naming the key the user wrote. */
    private static final class Values {
        private final TableContext context;
        private final Map<ConfigOption<?>, String> keys;

        Values(TableContext context, Map<ConfigOption<?>, String> keys) {
            this.context = context;
            this.keys = keys;
        }

        <T> T get(ConfigOption<T> option) {
            String key = keys.get(option);
            if (key == null) {
                return option.defaultValue().orElse(null);
            }
            return option.parse(context.tableName(), key, context.options().asMap().get(key));
        }

        void requireApplies(ConfigOption<?> option, String column, DataType type, boolean applies) {
            String key = keys.get(option);
            if (key != null && !applies) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Option '" + key + "' of table '"
                        + context.tableName() + "' does not apply to column '" + column + "' of type " + type
                        + (option == FIELD_START || option == FIELD_END ? " unless fields." + column
                                + ".kind is 'sequence'" : ""));
            }
        }

        /** A numeric option within the type's range, integral for integer and character types. */
        BigDecimal number(ConfigOption<String> option, DataType type, BigDecimal fallback) {
            String key = keys.get(option);
            if (key == null) {
                return fallback;
            }
            String raw = context.options().asMap().get(key);
            BigDecimal value;
            try {
                value = new BigDecimal(raw.trim());
            } catch (NumberFormatException e) {
                throw invalid(option, "a number");
            }
            boolean integral = type.kind() != TypeKind.FLOAT && type.kind() != TypeKind.DOUBLE
                    && type.kind() != TypeKind.DECIMAL;
            if (integral && value.stripTrailingZeros().scale() > 0) {
                throw invalid(option, "a whole number");
            }
            BigDecimal lowest = type.kind().isCharacter() ? BigDecimal.valueOf(Long.MIN_VALUE) : typeMin(type);
            BigDecimal highest = type.kind().isCharacter() ? BigDecimal.valueOf(Long.MAX_VALUE) : typeMax(type);
            if (value.compareTo(lowest) < 0 || value.compareTo(highest) > 0) {
                throw invalid(option, "a value of " + type + " between " + lowest.toPlainString() + " and "
                        + highest.toPlainString());
            }
            return value;
        }

        WeirException invalid(ConfigOption<?> option, String expected) {
            String key = keys.get(option);
            return new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + context.options().asMap().get(key)
                    + "' for option '" + key + "' of table '" + context.tableName() + "': expected " + expected);
        }
    }
}
