package io.weir.connector.filesystem;

import io.weir.spi.batch.Decimals;
import io.weir.spi.type.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Locale;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The text form of SQL values in files and partition directory names, as Flink's CSV and JSON
 * formats spell them: DATE {@code 2026-03-01}, TIME {@code 10:00:00} (fraction only when non-zero,
 * trailing zeros dropped), TIMESTAMP {@code 2026-03-01 10:00:00.123} (same fraction rule; the ISO
 * {@code T} form is read too), TIMESTAMP_LTZ {@code 2026-03-01 10:00:00.123Z} (UTC), DECIMAL plain
 * at its scale ({@code 12.50}), BOOLEAN {@code true}/{@code false}, BYTES Base64.
 */
final class TextValues {
    /** Flink's SQL time format: HH:mm:ss plus an optional fraction of 0–9 digits. */
    static final DateTimeFormatter SQL_TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter(Locale.ROOT);
    static final DateTimeFormatter SQL_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(SQL_TIME).toFormatter(Locale.ROOT);

    /** Writes a parsed value into a vector; throws a RuntimeException when the text is not a valid value. */
    @FunctionalInterface
    interface Setter {
        void set(FieldVector vector, int row, String text);
    }

    private TextValues() {
    }

    /** The setter for {@code type}, chosen once per column (hot path). */
    static Setter setter(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (v, r, t) -> ((BitVector) v).setSafe(r, parseBoolean(t) ? 1 : 0);
            case TINYINT -> (v, r, t) -> ((TinyIntVector) v).setSafe(r, (byte) parseInteger(t, Byte.MIN_VALUE,
                    Byte.MAX_VALUE));
            case SMALLINT -> (v, r, t) -> ((SmallIntVector) v).setSafe(r, (short) parseInteger(t, Short.MIN_VALUE,
                    Short.MAX_VALUE));
            case INT -> (v, r, t) -> ((IntVector) v).setSafe(r, (int) parseInteger(t, Integer.MIN_VALUE,
                    Integer.MAX_VALUE));
            case BIGINT -> (v, r, t) -> ((BigIntVector) v).setSafe(r, parseInteger(t, Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT -> (v, r, t) -> ((Float4Vector) v).setSafe(r, Float.parseFloat(t.trim()));
            case DOUBLE -> (v, r, t) -> ((Float8Vector) v).setSafe(r, Double.parseDouble(t.trim()));
            case DECIMAL -> (v, r, t) -> ((DecimalVector) v).setSafe(r, parseDecimal(t, type));
            case CHAR, STRING -> (v, r, t) -> ((VarCharVector) v).setSafe(r, t.getBytes(StandardCharsets.UTF_8));
            case BYTES -> (v, r, t) -> ((VarBinaryVector) v).setSafe(r, Base64.getDecoder().decode(t.trim()));
            case DATE -> (v, r, t) -> ((DateDayVector) v).setSafe(r, parseDate(t));
            case TIME -> (v, r, t) -> ((TimeMilliVector) v).setSafe(r, parseTime(t));
            case TIMESTAMP -> (v, r, t) -> ((TimeStampVector) v).setSafe(r, parseTimestamp(t));
            case TIMESTAMP_LTZ -> (v, r, t) -> ((TimeStampVector) v).setSafe(r, parseTimestampLtz(t));
            default -> throw new IllegalArgumentException("no text form for " + type);
        };
    }

    /** The Java value (TypeKind convention) of {@code text}, for values parsed once, such as partition values. */
    static Object parse(DataType type, String text) {
        return switch (type.kind()) {
            case BOOLEAN -> parseBoolean(text);
            case TINYINT -> (byte) parseInteger(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> Float.parseFloat(text.trim());
            case DOUBLE -> Double.parseDouble(text.trim());
            case DECIMAL -> parseDecimal(text, type);
            case CHAR, STRING -> text;
            case BYTES -> Base64.getDecoder().decode(text.trim());
            case DATE -> parseDate(text);
            case TIME -> parseTime(text);
            case TIMESTAMP -> parseTimestamp(text);
            case TIMESTAMP_LTZ -> parseTimestampLtz(text);
            default -> throw new IllegalArgumentException("no text form for " + type);
        };
    }

    /** The text of a non-null Java value of {@code type}. */
    static String format(DataType type, Object value) {
        return switch (type.kind()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BYTES -> Base64.getEncoder().encodeToString((byte[]) value);
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            case TIME -> SQL_TIME.format(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
            case TIMESTAMP -> SQL_TIMESTAMP.format(toLocalDateTime(((Number) value).longValue()));
            case TIMESTAMP_LTZ -> SQL_TIMESTAMP.format(toLocalDateTime(((Number) value).longValue())) + "Z";
            default -> value.toString();
        };
    }

    static boolean parseBoolean(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    static long parseInteger(String text, long min, long max) {
        long value = Long.parseLong(text.trim());
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }

    static BigDecimal parseDecimal(String text, DataType type) {
        return Decimals.rescale(new BigDecimal(text.trim()), type.precision(), type.scale());
    }

    static int parseDate(String text) {
        return (int) LocalDate.parse(text.trim()).toEpochDay();
    }

    static int parseTime(String text) {
        return (int) (LocalTime.parse(text.trim()).toNanoOfDay() / 1_000_000L);
    }

    static long parseTimestamp(String text) {
        return toMillis(LocalDateTime.parse(isoForm(text)));
    }

    /** An instant: with a zone ({@code Z}, {@code +02:00}) as given, without one as UTC. */
    static long parseTimestampLtz(String text) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(isoForm(text));
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return Instant.from(parsed).toEpochMilli();
        }
        return toMillis(LocalDateTime.from(parsed));
    }

    private static String isoForm(String text) {
        String value = text.trim();
        if (value.length() > 10 && value.charAt(10) == ' ') {
            return value.substring(0, 10) + 'T' + value.substring(11);
        }
        return value;
    }

    private static long toMillis(LocalDateTime dateTime) {
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1000L + dateTime.getNano() / 1_000_000;
    }

    private static LocalDateTime toLocalDateTime(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
                ZoneOffset.UTC);
    }
}
