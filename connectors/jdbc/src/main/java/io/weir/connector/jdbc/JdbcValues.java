package io.weir.connector.jdbc;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between PostgreSQL's values as PgJDBC returns them and Weir's Java value convention
 * ({@code TypeKind}), by the Weir type the table declares for the column: e.g. {@code numeric} to
 * DECIMAL at the declared scale, {@code date} to days since the epoch, {@code timestamp} to epoch
 * milliseconds, {@code timestamptz} to TIMESTAMP_LTZ, {@code uuid}/{@code json}/{@code jsonb}/
 * {@code text}/{@code varchar} to STRING, {@code bytea} to BYTES, arrays to ARRAY. Stateless.
 */
final class JdbcValues {
    private JdbcValues() {
    }

    /** Column {@code index} (1-based) of the current row, or null. */
    static Object read(ResultSet rows, int index, DataType type) throws SQLException {
        Object value = switch (type.kind()) {
            case BOOLEAN -> rows.getBoolean(index);
            case TINYINT -> rows.getByte(index);
            case SMALLINT -> rows.getShort(index);
            case INT -> rows.getInt(index);
            case BIGINT -> rows.getLong(index);
            case FLOAT -> rows.getFloat(index);
            case DOUBLE -> rows.getDouble(index);
            case DECIMAL -> decimal(rows.getBigDecimal(index), type);
            case CHAR, STRING -> rows.getString(index);
            case BYTES -> rows.getBytes(index);
            case DATE -> epochDay(rows.getObject(index, LocalDate.class));
            case TIME -> millisOfDay(rows.getObject(index, LocalTime.class));
            case TIMESTAMP -> epochMillis(rows.getObject(index, LocalDateTime.class));
            case TIMESTAMP_LTZ -> instantMillis(rows.getObject(index, OffsetDateTime.class));
            case ARRAY -> array(rows.getArray(index), type.children().get(0).type());
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "The jdbc connector cannot read columns of type " + type);
        };
        return rows.wasNull() ? null : value;
    }

    /** Binds {@code value} (Weir convention, or null) as parameter {@code index} (1-based). */
    static void bind(PreparedStatement statement, int index, DataType type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType(type));
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case TINYINT, SMALLINT -> statement.setShort(index, ((Number) value).shortValue());
            case INT -> statement.setInt(index, ((Number) value).intValue());
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case FLOAT -> statement.setFloat(index, ((Number) value).floatValue());
            case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            // untyped, so PostgreSQL casts the text to the column's type (text, varchar, uuid, json, ...)
            case CHAR, STRING -> statement.setObject(index, value.toString(), Types.OTHER);
            case BYTES -> statement.setBytes(index, (byte[]) value);
            case DATE -> statement.setObject(index, LocalDate.ofEpochDay(((Number) value).longValue()));
            case TIME -> statement.setObject(index, LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
            case TIMESTAMP -> statement.setObject(index, toLocalDateTime(((Number) value).longValue()));
            case TIMESTAMP_LTZ -> statement.setObject(index,
                    Instant.ofEpochMilli(((Number) value).longValue()).atOffset(ZoneOffset.UTC));
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "The jdbc connector cannot write columns of type " + type);
        }
    }

    /** {@code value} in the Java class of {@code type}'s convention (an Integer key for a BIGINT column becomes a Long). */
    static Object coerce(Object value, DataType type) {
        if (value == null || !(value instanceof Number number)) {
            return value;
        }
        return switch (type.kind()) {
            case TINYINT -> number.byteValue();
            case SMALLINT -> number.shortValue();
            case INT -> number.intValue();
            case BIGINT -> number.longValue();
            case FLOAT -> number.floatValue();
            case DOUBLE -> number.doubleValue();
            case DECIMAL -> decimal(number instanceof BigDecimal d ? d : new BigDecimal(number.toString()), type);
            case DATE, TIME -> number.intValue();
            case TIMESTAMP, TIMESTAMP_LTZ -> number.longValue();
            default -> value;
        };
    }

    /** Whether the sink can write columns of {@code type}. */
    static boolean isWritable(DataType type) {
        return switch (type.kind()) {
            case ARRAY, MAP, ROW, NULL, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> false;
            default -> true;
        };
    }

    /** PostgreSQL's name of the type of an array of {@code type}, for {@code = ANY(?)} parameters. */
    static String postgresTypeName(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "bool";
            case TINYINT, SMALLINT -> "int2";
            case INT -> "int4";
            case BIGINT -> "int8";
            case FLOAT -> "float4";
            case DOUBLE -> "float8";
            case DECIMAL -> "numeric";
            case CHAR, STRING -> "text";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMP_LTZ -> "timestamptz";
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "The jdbc connector cannot look up by columns of type " + type);
        };
    }

    /** {@code value} (Weir convention, not null) as the driver's object for an array element of {@code type}. */
    static Object toDriverObject(Object value, DataType type) {
        return switch (type.kind()) {
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
            case TIME -> LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
            case TIMESTAMP -> toLocalDateTime(((Number) value).longValue());
            case TIMESTAMP_LTZ -> Instant.ofEpochMilli(((Number) value).longValue()).atOffset(ZoneOffset.UTC);
            case TINYINT, SMALLINT -> ((Number) value).shortValue();
            default -> value;
        };
    }

    static LocalDateTime toLocalDateTime(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
                (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    private static int sqlType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT, SMALLINT -> Types.SMALLINT;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case BYTES -> Types.BINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_LTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.OTHER;
        };
    }

    private static BigDecimal decimal(BigDecimal value, DataType type) {
        return value == null ? null : value.setScale(type.scale(), RoundingMode.HALF_UP);
    }

    private static Integer epochDay(LocalDate date) {
        return date == null ? null : (int) date.toEpochDay();
    }

    private static Integer millisOfDay(LocalTime time) {
        return time == null ? null : (int) (time.toNanoOfDay() / 1_000_000L);
    }

    private static Long epochMillis(LocalDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Long instantMillis(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toEpochMilli();
    }

    private static List<Object> array(Array array, DataType element) throws SQLException {
        if (array == null) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        try (ResultSet elements = array.getResultSet()) {
            while (elements.next()) {
                values.add(read(elements, 2, element));
            }
        } finally {
            array.free();
        }
        return values;
    }
}
