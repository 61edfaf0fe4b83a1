package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Bind parameters: the {@link DataType} a declared type OID stands for, parameter values sent in
 * text format, and the conversion of decoded values into the Java value of the parameter's type
 * (per the {@link TypeKind} convention). Stateless.
 */
public final class PgParameterValues {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private PgParameterValues() {
    }

    /**
     * The type a parameter declared with {@code oid} has, or {@code null} when the type is to be
     * inferred from the statement (OID 0, {@code unknown}, numeric without a scale, and types Weir
     * does not map).
     */
    public static DataType declaredType(int oid) {
        return switch (oid) {
            case PgColumnType.BOOL -> DataType.of(TypeKind.BOOLEAN);
            case PgColumnType.BYTEA -> DataType.of(TypeKind.BYTES);
            case PgColumnType.INT2 -> DataType.of(TypeKind.SMALLINT);
            case PgColumnType.INT4 -> DataType.of(TypeKind.INT);
            case PgColumnType.INT8 -> DataType.of(TypeKind.BIGINT);
            case PgColumnType.FLOAT4 -> DataType.of(TypeKind.FLOAT);
            case PgColumnType.FLOAT8 -> DataType.of(TypeKind.DOUBLE);
            case PgColumnType.TEXT, PgColumnType.VARCHAR, PgColumnType.BPCHAR -> DataType.of(TypeKind.STRING);
            case PgColumnType.DATE -> DataType.of(TypeKind.DATE);
            case PgColumnType.TIME -> DataType.of(TypeKind.TIME);
            case PgColumnType.TIMESTAMP -> DataType.timestamp(3);
            case PgColumnType.TIMESTAMPTZ -> DataType.of(TypeKind.TIMESTAMP_LTZ);
            default -> null;
        };
    }

    /** Reads a parameter sent in text format as a value of {@code type}. */
    public static Object parseText(byte[] bytes, DataType type) {
        requireNonNull(bytes, "bytes is null");
        String text = new String(bytes, StandardCharsets.UTF_8);
        return switch (type.kind()) {
            case CHAR, STRING, NULL -> text;
            case BYTES -> parseBytes(text);
            default -> convert(text.strip(), type);
        };
    }

    /**
     * Converts a decoded value (Boolean, Long, Double, BigDecimal, String, byte[] or a value
     * already of the right class) into the Java value of {@code type}.
     */
    public static Object convert(Object value, DataType type) {
        requireNonNull(type, "type is null");
        if (value == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case BOOLEAN -> value instanceof Boolean b ? b : parseBoolean(value.toString());
                case TINYINT -> (byte) checkRange(integral(value), Byte.MIN_VALUE, Byte.MAX_VALUE, type);
                case SMALLINT -> (short) checkRange(integral(value), Short.MIN_VALUE, Short.MAX_VALUE, type);
                case INT -> (int) checkRange(integral(value), Integer.MIN_VALUE, Integer.MAX_VALUE, type);
                case BIGINT -> integral(value);
                case FLOAT -> value instanceof Number n ? n.floatValue() : Float.parseFloat(floatText(value));
                case DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(floatText(value));
                case DECIMAL -> decimal(value).setScale(Math.max(type.scale(), 0), RoundingMode.HALF_UP);
                case CHAR, STRING -> value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
                case BYTES -> value instanceof byte[] b ? b : parseBytes(value.toString());
                case DATE -> value instanceof Number n ? n.intValue()
                        : (int) LocalDate.parse(value.toString()).toEpochDay();
                case TIME -> value instanceof Number n ? n.intValue()
                        : (int) (LocalTime.parse(value.toString()).toNanoOfDay() / 1_000_000);
                case TIMESTAMP -> value instanceof Number n ? n.longValue() : timestampMillis(value.toString(), false);
                case TIMESTAMP_LTZ -> value instanceof Number n ? n.longValue() : timestampMillis(value.toString(), true);
                default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "parameters of type "
                        + type.kind() + " are not supported yet; write the value into the statement");
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new WeirException(ErrorCode.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type "
                    + type.kind().name().toLowerCase(Locale.ROOT) + ": \"" + value + "\"", e);
        }
    }

    private static long integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return decimal(value).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return new BigDecimal(value.toString().strip());
    }

    private static long checkRange(long value, long min, long max, DataType type) {
        if (value < min || value > max) {
            throw new WeirException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "value " + value + " is out of range for type "
                    + type.kind().name().toLowerCase(Locale.ROOT));
        }
        return value;
    }

    private static String floatText(Object value) {
        String text = value.toString().strip();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan" -> "NaN";
            case "infinity", "+infinity", "inf" -> "Infinity";
            case "-infinity", "-inf" -> "-Infinity";
            default -> text;
        };
    }

    private static boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw new WeirException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type boolean: \"" + text + "\"");
        };
    }

    /** bytea input: {@code \x} hex, or the escape format with {@code \\} and {@code \ooo}. */
    static byte[] parseBytes(String text) {
        if (text.startsWith("\\x")) {
            return HexFormat.of().parseHex(text.substring(2));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '\\') {
                out.write(utf8[i]);
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < utf8.length) {
                out.write(Integer.parseInt(new String(utf8, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else {
                throw new WeirException(ErrorCode.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    /** A timestamp's text; an offset is applied for TIMESTAMP_LTZ and ignored for TIMESTAMP, as PostgreSQL does. */
    static long timestampMillis(String text, boolean withTimeZone) {
        var parsed = TIMESTAMP.parse(text.strip());
        LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.of(
                parsed.get(ChronoField.HOUR_OF_DAY),
                parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0,
                parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0));
        ZoneOffset offset = withTimeZone && parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return OffsetDateTime.of(local, offset).toInstant().toEpochMilli();
    }
}
