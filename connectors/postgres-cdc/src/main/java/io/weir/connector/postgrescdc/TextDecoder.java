package io.weir.connector.postgrescdc;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
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
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns PostgreSQL's text form of a value (what its output function prints: what pgoutput sends in
 * a text tuple, and what {@code col::text} returns in the snapshot) into the Java value Weir's
 * column type holds (see {@code TypeKind}). Both phases of the source go through this one decoder,
 * so a row reads the same whether it came from the snapshot or from the stream.
 *
 * <p>Stateless and thread-safe (snapshot threads share it).
 */
final class TextDecoder {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP_TZ = new DateTimeFormatterBuilder().append(TIMESTAMP)
            .appendOffset("+HH:mm:ss", "+00").toFormatter();

    private TextDecoder() {
    }

    /**
     * The value of {@code text} as {@code type}; {@code column} names the column in errors.
     *
     * @throws WeirException DATA_EXCEPTION-like error naming the column and the value when it cannot be read
     */
    static Object decode(String text, DataType type, String column) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case BOOLEAN -> text.equals("t") || text.equalsIgnoreCase("true");
                case TINYINT -> Byte.parseByte(text);
                case SMALLINT -> Short.parseShort(text);
                case INT -> Integer.parseInt(text);
                case BIGINT -> Long.parseLong(text);
                case FLOAT -> Float.parseFloat(text);
                case DOUBLE -> Double.parseDouble(text);
                case DECIMAL -> new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
                case CHAR, STRING -> text;
                case BYTES -> bytes(text);
                case DATE -> (int) LocalDate.parse(text).toEpochDay();
                case TIME -> (int) (LocalTime.parse(text, TIME).toNanoOfDay() / 1_000_000);
                case TIMESTAMP -> timestamp(text).toInstant(ZoneOffset.UTC).toEpochMilli();
                case TIMESTAMP_LTZ -> instantMillis(text);
                case ARRAY -> array(text, type.children().get(0).type(), column);
                default -> throw new IllegalArgumentException("type " + type + " is not supported by postgres-cdc");
            };
        } catch (RuntimeException e) {
            throw new WeirException(ErrorCode.BAD_RECORD, "postgres-cdc cannot read the value '"
                    + shorten(text) + "' of column '" + column + "' as " + type + ": " + e.getMessage());
        }
    }

    private static LocalDateTime timestamp(String text) {
        if (hasOffset(text)) {
            return OffsetDateTime.parse(text, TIMESTAMP_TZ).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return LocalDateTime.parse(text, TIMESTAMP);
    }

    private static long instantMillis(String text) {
        if (hasOffset(text)) {
            return OffsetDateTime.parse(text, TIMESTAMP_TZ).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Whether a timestamp's text ends with an offset such as {@code +00}, {@code -05:30}. */
    private static boolean hasOffset(String text) {
        int time = text.indexOf(' ');
        return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0);
    }

    /** bytea's hex output ({@code \x0a1b}); other types' text as UTF-8. */
    private static byte[] bytes(String text) {
        if (!text.startsWith("\\x")) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        int length = (text.length() - 2) / 2;
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) Integer.parseInt(text, 2 + 2 * i, 4 + 2 * i, 16);
        }
        return out;
    }

    /** An array literal such as {@code {1,2,NULL}} or {@code {"a b","c\"d"}} or {@code {{1,2},{3,4}}}. */
    private static List<Object> array(String text, DataType element, String column) {
        if (text.startsWith("[")) {
            // explicit bounds such as [0:2]={1,2,3}: the values are what matters
            text = text.substring(text.indexOf('=') + 1);
        }
        int[] position = {0};
        return arrayAt(text, position, element, column);
    }

    private static List<Object> arrayAt(String text, int[] position, DataType element, String column) {
        if (text.charAt(position[0]) != '{') {
            throw new IllegalArgumentException("an array starts with '{'");
        }
        position[0]++;
        List<Object> values = new ArrayList<>();
        if (text.charAt(position[0]) == '}') {
            position[0]++;
            return values;
        }
        while (true) {
            char c = text.charAt(position[0]);
            if (c == '{') {
                values.add(arrayAt(text, position, element.children().isEmpty() ? element
                        : element.children().get(0).type(), column));
            } else if (c == '"') {
                StringBuilder quoted = new StringBuilder();
                int i = position[0] + 1;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    quoted.append(text.charAt(i));
                    i++;
                }
                position[0] = i + 1;
                values.add(decode(quoted.toString(), element, column));
            } else {
                int end = position[0];
                while (text.charAt(end) != ',' && text.charAt(end) != '}') {
                    end++;
                }
                String item = text.substring(position[0], end).trim();
                position[0] = end;
                values.add(item.equalsIgnoreCase("NULL") ? null : decode(item, element, column));
            }
            char next = text.charAt(position[0]++);
            if (next == '}') {
                return values;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected ',' or '}' in an array");
            }
        }
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
