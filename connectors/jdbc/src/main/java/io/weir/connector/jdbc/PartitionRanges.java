package io.weir.connector.jdbc;

import io.weir.spi.connector.Options;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the range [lower-bound, upper-bound] of {@code 'scan.partition.column'} into
 * {@code 'scan.partition.num'} splits of (nearly) equal width. As in Flink, the bounds only decide
 * the widths: the first split also takes every row below the range (and the rows whose column is
 * NULL), the last one every row above it, so each row of the table is read by exactly one split.
 * The ranges are half-open ({@code col >= a AND col < b}), which is exact for fractional values too.
 *
 * <p>Numeric columns take whole-number bounds; DATE columns dates ({@code 2024-01-31}); TIMESTAMP
 * columns timestamps ({@code 2024-01-31 12:00:00}), cut to the millisecond. Stateless.
 */
final class PartitionRanges {
    private PartitionRanges() {
    }

    /** The splits of the table; one split over the whole table when no partition column is set. */
    static List<JdbcSplit> plan(Options options, RowType schema) {
        var column = options.getOptional(JdbcOptions.SCAN_PARTITION_COLUMN);
        if (column.isEmpty()) {
            return List.of(new JdbcSplit("jdbc-0", "", List.of()));
        }
        DataType type = partitionType(options, schema, column.get());
        long lower = bound(options, JdbcOptions.SCAN_PARTITION_LOWER_BOUND, type);
        long upper = bound(options, JdbcOptions.SCAN_PARTITION_UPPER_BOUND, type);
        if (lower > upper) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Option 'scan.partition.lower-bound' of table '"
                    + options.tableName() + "' must not be greater than 'scan.partition.upper-bound'");
        }
        long width = upper - lower + 1;
        if (width <= 0) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "The range of 'scan.partition.lower-bound' to "
                    + "'scan.partition.upper-bound' of table '" + options.tableName() + "' is too wide");
        }
        long splits = Math.min(options.get(JdbcOptions.SCAN_PARTITION_NUM), width);
        long step = width / splits + (width % splits == 0 ? 0 : 1);
        String name = SqlStatements.column(column.get());
        List<JdbcSplit> result = new ArrayList<>();
        if (splits == 1) {
            result.add(new JdbcSplit("jdbc-0", "", List.of()));
            return result;
        }
        for (int i = 0; i < splits; i++) {
            long from = lower + i * step;
            long to = from + step;
            if (i == 0) {
                result.add(new JdbcSplit("jdbc-0", name + " < ? OR " + name + " IS NULL", List.of(value(to, type))));
            } else if (i == splits - 1 || to > upper) {
                result.add(new JdbcSplit("jdbc-" + i, name + " >= ?", List.of(value(from, type))));
                break;
            } else {
                result.add(new JdbcSplit("jdbc-" + i, name + " >= ? AND " + name + " < ?",
                        List.of(value(from, type), value(to, type))));
            }
        }
        return result;
    }

    /** Checks the partition options together (called when the table is created). */
    static void validate(Options options, RowType schema) {
        var column = options.getOptional(JdbcOptions.SCAN_PARTITION_COLUMN);
        boolean anySet = column.isPresent() || options.asMap().containsKey(JdbcOptions.SCAN_PARTITION_NUM.key())
                || options.asMap().containsKey(JdbcOptions.SCAN_PARTITION_LOWER_BOUND.key())
                || options.asMap().containsKey(JdbcOptions.SCAN_PARTITION_UPPER_BOUND.key());
        if (!anySet) {
            return;
        }
        for (var option : List.of(JdbcOptions.SCAN_PARTITION_COLUMN, JdbcOptions.SCAN_PARTITION_NUM,
                JdbcOptions.SCAN_PARTITION_LOWER_BOUND, JdbcOptions.SCAN_PARTITION_UPPER_BOUND)) {
            if (!options.asMap().containsKey(option.key())) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + options.tableName() + "' sets some of "
                        + "the options 'scan.partition.column', 'scan.partition.num', 'scan.partition.lower-bound' "
                        + "and 'scan.partition.upper-bound' but not '" + option.key() + "': set all four or none");
            }
        }
        plan(options, schema);
    }

    private static DataType partitionType(Options options, RowType schema, String column) {
        int index = schema.indexOf(column);
        if (index < 0) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + column
                    + "' for option 'scan.partition.column' of table '" + options.tableName()
                    + "': expected one of its columns " + schema.names());
        }
        DataType type = schema.type(index);
        boolean usable = switch (type.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT, DECIMAL, FLOAT, DOUBLE, DATE, TIMESTAMP, TIMESTAMP_LTZ -> true;
            default -> false;
        };
        if (!usable) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + column
                    + "' for option 'scan.partition.column' of table '" + options.tableName() + "': column '"
                    + column + "' is " + type + "; expected a numeric, DATE or TIMESTAMP column");
        }
        return type;
    }

    private static long bound(Options options, io.weir.spi.connector.ConfigOption<String> option, DataType type) {
        String raw = options.get(option).trim();
        try {
            return switch (type.kind()) {
                case DATE -> LocalDate.parse(raw).toEpochDay();
                case TIMESTAMP, TIMESTAMP_LTZ -> LocalDateTime.parse(raw.replace(' ', 'T'))
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
                default -> Long.parseLong(raw);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            String expected = switch (type.kind()) {
                case DATE -> "a date such as '2024-01-31'";
                case TIMESTAMP, TIMESTAMP_LTZ -> "a timestamp such as '2024-01-31 12:00:00'";
                default -> "a whole number";
            };
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + raw + "' for option '"
                    + option.key() + "' of table '" + options.tableName() + "': expected " + expected);
        }
    }

    private static Serializable value(long point, DataType type) {
        return switch (type.kind()) {
            case DATE -> LocalDate.ofEpochDay(point);
            case TIMESTAMP -> JdbcValues.toLocalDateTime(point);
            case TIMESTAMP_LTZ -> JdbcValues.toLocalDateTime(point).atOffset(ZoneOffset.UTC);
            default -> point;
        };
    }
}
