package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Formats Java values (per the {@link TypeKind} convention) as PostgreSQL prints them in text
 * format: {@code t}/{@code f}, {@code 1e+16}, {@code 2024-01-31 12:00:00.5}, {@code \x0a0b},
 * {@code {1,2,NULL}}, JSON for MAP and ROW.
 *
 * <p>Stateless and thread-safe; called once per value of every row sent (hot path).
 */
public final class PgTextFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MILLIS_PER_SECOND = 1000;

    private PgTextFormat() {
    }

    /** The text of {@code value} as a column of {@code type}, or {@code null} for SQL NULL. */
    public static String format(Object value, DataType type) {
        requireNonNull(type, "type is null");
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> formatBoolean(value);
            case FLOAT -> value instanceof Number number ? formatFloat(number.floatValue()) : value.toString();
            case DOUBLE -> value instanceof Number number ? formatDouble(number.doubleValue()) : value.toString();
            case DECIMAL -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            case BYTES -> value instanceof byte[] bytes ? formatBytes(bytes) : value.toString();
            case DATE -> formatDate(value);
            case TIME -> formatTime(value);
            case TIMESTAMP -> formatTimestamp(value);
            case TIMESTAMP_LTZ -> formatTimestamp(value) + "+00";
            case INTERVAL_DAY_TIME -> value instanceof Number millis ? formatDayTimeInterval(millis.longValue()) : value.toString();
            case INTERVAL_YEAR_MONTH -> value instanceof Number months ? formatYearMonthInterval(months.intValue()) : value.toString();
            case ARRAY -> value instanceof List<?> list ? formatArray(list, type.children().get(0).type()) : value.toString();
            case MAP, ROW -> PgJsonFormat.format(value, type);
            default -> value.toString();
        };
    }

    static String formatBoolean(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? "t" : "f";
        }
        return value.toString();
    }

    /** PostgreSQL's float8 output: the shortest text that reads back exactly; exponent form outside 1e-4..1e15. */
    public static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return formatShortest(Double.toString(value), value == 0 && 1 / value < 0, 15);
    }

    /** PostgreSQL's float4 output: as {@link #formatDouble} with exponent form outside 1e-4..1e6. */
    public static String formatFloat(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return formatShortest(Float.toString(value), value == 0 && 1 / value < 0, 6);
    }

    /** Re-spells Java's shortest round-trip digits the way PostgreSQL (Ryu, %g-like) prints them. */
    private static String formatShortest(String javaText, boolean negativeZero, int maxPlainExponent) {
        if (negativeZero) {
            return "-0";
        }
        BigDecimal decimal = new BigDecimal(javaText).stripTrailingZeros();
        if (decimal.signum() == 0) {
            return "0";
        }
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < maxPlainExponent) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        StringBuilder text = new StringBuilder();
        if (decimal.signum() < 0) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append('e').append(exponent < 0 ? '-' : '+');
        int absExponent = Math.abs(exponent);
        if (absExponent < 10) {
            text.append('0');
        }
        return text.append(absExponent).toString();
    }

    /** An interval of months as PostgreSQL prints it: {@code 1 year 2 mons}, {@code -3 mons}, {@code 00:00:00}. */
    public static String formatYearMonthInterval(int months) {
        int years = months / 12;
        int rest = months % 12;
        if (years == 0 && rest == 0) {
            return "00:00:00";
        }
        StringBuilder text = new StringBuilder();
        if (years != 0) {
            text.append(years).append(years == 1 ? " year" : " years");
        }
        if (rest != 0) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(rest).append(rest == 1 ? " mon" : " mons");
        }
        return text.toString();
    }

    /** An interval of milliseconds as PostgreSQL prints it: {@code 1 day 02:03:04.5}, {@code -00:00:01}. */
    public static String formatDayTimeInterval(long millis) {
        long days = millis / 86_400_000L;
        long rest = millis % 86_400_000L;
        StringBuilder text = new StringBuilder();
        if (days != 0) {
            text.append(days).append(days == 1 ? " day" : " days");
            if (rest == 0) {
                return text.toString();
            }
            text.append(' ');
        }
        if (rest < 0) {
            text.append('-');
            rest = -rest;
        }
        text.append(formatLocalTime(LocalTime.ofNanoOfDay(rest * 1_000_000L)));
        return text.toString();
    }

    /** bytea's hex output: {@code \x} and two lower-case hex digits per byte. */
    public static String formatBytes(byte[] bytes) {
        char[] text = new char[2 + bytes.length * 2];
        text[0] = '\\';
        text[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            text[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            text[3 + 2 * i] = HEX[bytes[i] & 0xF];
        }
        return new String(text);
    }

    static String formatDate(Object value) {
        if (value instanceof Number days) {
            return formatLocalDate(LocalDate.ofEpochDay(days.longValue()));
        }
        if (value instanceof LocalDate date) {
            return formatLocalDate(date);
        }
        return value.toString();
    }

    static String formatTime(Object value) {
        if (value instanceof Number millis) {
            return formatLocalTime(LocalTime.ofNanoOfDay(Math.floorMod(millis.longValue(), 86_400_000L) * 1_000_000L));
        }
        if (value instanceof LocalTime time) {
            return formatLocalTime(time);
        }
        return value.toString();
    }

    static String formatTimestamp(Object value) {
        LocalDateTime dateTime;
        if (value instanceof Number millis) {
            long epochMillis = millis.longValue();
            dateTime = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, MILLIS_PER_SECOND),
                    Math.floorMod(epochMillis, MILLIS_PER_SECOND) * 1_000_000, ZoneOffset.UTC);
        } else if (value instanceof LocalDateTime local) {
            dateTime = local;
        } else {
            return value.toString();
        }
        String date = formatLocalDate(dateTime.toLocalDate());
        int bc = date.indexOf(" BC");
        String time = formatLocalTime(dateTime.toLocalTime());
        return bc < 0 ? date + " " + time : date.substring(0, bc) + " " + time + " BC";
    }

    private static String formatLocalDate(LocalDate date) {
        int year = date.getYear();
        int printedYear = year > 0 ? year : 1 - year;
        StringBuilder text = new StringBuilder(13);
        appendPadded(text, printedYear, 4);
        text.append('-');
        appendPadded(text, date.getMonthValue(), 2);
        text.append('-');
        appendPadded(text, date.getDayOfMonth(), 2);
        if (year <= 0) {
            text.append(" BC");
        }
        return text.toString();
    }

    private static String formatLocalTime(LocalTime time) {
        StringBuilder text = new StringBuilder(15);
        appendPadded(text, time.getHour(), 2);
        text.append(':');
        appendPadded(text, time.getMinute(), 2);
        text.append(':');
        appendPadded(text, time.getSecond(), 2);
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            StringBuilder fraction = new StringBuilder(6);
            appendPadded(fraction, micros, 6);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.toString();
    }

    private static void appendPadded(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        text.append(digits);
    }

    /** An array literal: {@code {1,2,NULL}}, elements quoted when PostgreSQL would quote them. */
    static String formatArray(List<?> list, DataType elementType) {
        StringBuilder text = new StringBuilder();
        text.append('{');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Object element = list.get(i);
            if (element == null) {
                text.append("NULL");
            } else if (elementType.kind() == TypeKind.ARRAY && element instanceof List<?>) {
                text.append(format(element, elementType));
            } else {
                appendArrayElement(text, format(element, elementType));
            }
        }
        return text.append('}').toString();
    }

    private static void appendArrayElement(StringBuilder text, String element) {
        if (!needsQuotes(element)) {
            text.append(element);
            return;
        }
        text.append('"');
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        text.append('"');
    }

    private static boolean needsQuotes(String element) {
        if (element.isEmpty() || element.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
