package io.weir.executor.codegen;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Flink's built-in scalar functions beyond the SQL standard, with Flink's NULL rules. Generated code
 * passes every operand boxed, {@code null} for SQL NULL, and reads a {@code null} result as NULL, so
 * each method handles NULL itself: most return NULL when any operand is NULL; {@code concatWs} skips
 * NULL strings. Times are UTC (the executor's session time zone), in epoch milliseconds; dates are
 * days since the epoch.
 */
public final class FlinkFunctions {
    private static final String DEFAULT_TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss";

    private FlinkFunctions() {
    }

    /** Group {@code index} (0: the whole match) of the first match of {@code regex}; NULL if none or invalid. */
    public static String regexpExtract(String text, String regex, Long index) {
        if (text == null || regex == null || index == null) {
            return null;
        }
        try {
            Matcher matcher = Pattern.compile(regex).matcher(text);
            if (!matcher.find() || index < 0 || index > matcher.groupCount()) {
                return null;
            }
            return matcher.group(index.intValue());
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    public static String regexpExtract(String text, String regex) {
        return regexpExtract(text, regex, 1L);
    }

    /** Every match of {@code regex} replaced; NULL if any operand is NULL or the regex is invalid. */
    public static String regexpReplace(String text, String regex, String replacement) {
        if (text == null || regex == null || replacement == null) {
            return null;
        }
        try {
            return Pattern.compile(regex).matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** The {@code index}-th (0-based) piece of {@code text} split at {@code separator}; NULL if out of range. */
    public static String splitIndex(String text, String separator, Long index) {
        if (text == null || separator == null || index == null || index < 0 || separator.isEmpty()) {
            return null;
        }
        int start = 0;
        for (long piece = 0; ; piece++) {
            int end = text.indexOf(separator, start);
            if (piece == index) {
                return end < 0 ? text.substring(start) : text.substring(start, end);
            }
            if (end < 0) {
                return null;
            }
            start = end + separator.length();
        }
    }

    /** The strings joined by {@code separator}, skipping NULL strings; NULL when the separator is NULL. */
    public static String concatWs(String separator, String... parts) {
        if (separator == null) {
            return null;
        }
        StringBuilder result = new StringBuilder();
        boolean first = true;
        for (String part : parts) {
            if (part == null) {
                continue;
            }
            if (!first) {
                result.append(separator);
            }
            result.append(part);
            first = false;
        }
        return result.toString();
    }

    /** {@code text} padded on the left with {@code pad} (or cut) to {@code length}; NULL if length < 0 or pad empty. */
    public static String lpad(String text, Long length, String pad) {
        return padded(text, length, pad, true);
    }

    public static String rpad(String text, Long length, String pad) {
        return padded(text, length, pad, false);
    }

    private static String padded(String text, Long length, String pad, boolean left) {
        if (text == null || length == null || pad == null || length < 0 || pad.isEmpty()) {
            return null;
        }
        int target = (int) Math.min(length, Integer.MAX_VALUE);
        if (target <= text.length()) {
            return text.substring(0, target);
        }
        StringBuilder fill = new StringBuilder();
        while (fill.length() < target - text.length()) {
            fill.append(pad);
        }
        fill.setLength(target - text.length());
        return left ? fill + text : text + fill;
    }

    /** The leftmost {@code count} characters; empty for a negative count. */
    public static String left(String text, Long count) {
        if (text == null || count == null) {
            return null;
        }
        return text.substring(0, (int) Math.max(0, Math.min(count, text.length())));
    }

    public static String right(String text, Long count) {
        if (text == null || count == null) {
            return null;
        }
        return text.substring(text.length() - (int) Math.max(0, Math.min(count, text.length())));
    }

    /** {@code text} repeated {@code times} times; empty for zero or fewer. */
    public static String repeat(String text, Long times) {
        if (text == null || times == null) {
            return null;
        }
        return times <= 0 ? "" : text.repeat(times.intValue());
    }

    public static String reverse(String text) {
        return text == null ? null : new StringBuilder(text).reverse().toString();
    }

    public static String md5(String text) {
        return digest(text, "MD5");
    }

    public static String sha256(String text) {
        return digest(text, "SHA-256");
    }

    private static String digest(String text, String algorithm) {
        if (text == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }

    /** The greatest value; NULL if any is NULL (Flink's rule, unlike PostgreSQL's). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object greatest(Object... values) {
        Comparable best = null;
        for (Object value : values) {
            if (value == null) {
                return null;
            }
            if (best == null || ((Comparable) value).compareTo(best) > 0) {
                best = (Comparable) value;
            }
        }
        return best;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object least(Object... values) {
        Comparable best = null;
        for (Object value : values) {
            if (value == null) {
                return null;
            }
            if (best == null || ((Comparable) value).compareTo(best) < 0) {
                best = (Comparable) value;
            }
        }
        return best;
    }

    /** {@code value} truncated (towards zero) to {@code digits} decimal places (negative: left of the point). */
    public static BigDecimal truncate(BigDecimal value, Long digits) {
        if (value == null || digits == null) {
            return null;
        }
        return value.setScale(digits.intValue(), RoundingMode.DOWN).setScale(value.scale(), RoundingMode.DOWN);
    }

    public static Double truncate(Double value, Long digits) {
        if (value == null || digits == null || value.isNaN() || value.isInfinite()) {
            return value == null || digits == null ? null : value;
        }
        return BigDecimal.valueOf(value).setScale(digits.intValue(), RoundingMode.DOWN).doubleValue();
    }

    public static Long truncate(Long value, Long digits) {
        if (value == null || digits == null) {
            return null;
        }
        return truncate(BigDecimal.valueOf(value), digits).longValue();
    }

    public static Integer truncate(Integer value, Long digits) {
        Long result = truncate(value == null ? null : value.longValue(), digits);
        return result == null ? null : result.intValue();
    }

    /** Epoch seconds formatted as {@code format} (default {@code yyyy-MM-dd HH:mm:ss}). */
    public static String fromUnixtime(Long seconds, String format) {
        if (seconds == null || format == null) {
            return null;
        }
        return DateTimeFormatter.ofPattern(format).format(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
    }

    public static String fromUnixtime(Long seconds) {
        return fromUnixtime(seconds, DEFAULT_TIMESTAMP_FORMAT);
    }

    /** {@code text} parsed with {@code format} (default {@code yyyy-MM-dd HH:mm:ss}) as epoch seconds; NULL if it does not parse. */
    public static Long unixTimestamp(String text, String format) {
        Long millis = toTimestamp(text, format);
        return millis == null ? null : Math.floorDiv(millis, 1000L);
    }

    public static Long unixTimestamp(String text) {
        return unixTimestamp(text, DEFAULT_TIMESTAMP_FORMAT);
    }

    /** {@code text} parsed with {@code format} as epoch millis; NULL if it does not parse. */
    public static Long toTimestamp(String text, String format) {
        if (text == null || format == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ofPattern(format).parse(text);
            LocalDate date = LocalDate.of(field(parsed, ChronoField.YEAR, 1970), field(parsed, ChronoField.MONTH_OF_YEAR, 1),
                    field(parsed, ChronoField.DAY_OF_MONTH, 1));
            LocalDateTime time = date.atStartOfDay().withHour(field(parsed, ChronoField.HOUR_OF_DAY, 0))
                    .withMinute(field(parsed, ChronoField.MINUTE_OF_HOUR, 0))
                    .withSecond(field(parsed, ChronoField.SECOND_OF_MINUTE, 0))
                    .withNano(field(parsed, ChronoField.NANO_OF_SECOND, 0));
            return time.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            return null;
        }
    }

    public static Long toTimestamp(String text) {
        return toTimestamp(text, DEFAULT_TIMESTAMP_FORMAT);
    }

    /** {@code text} parsed with {@code format} (default {@code yyyy-MM-dd}) as days since the epoch; NULL if it does not parse. */
    public static Integer toDate(String text, String format) {
        Long millis = toTimestamp(text, format);
        return millis == null ? null : (int) Math.floorDiv(millis, 86_400_000L);
    }

    public static Integer toDate(String text) {
        return toDate(text, "yyyy-MM-dd");
    }

    private static int field(TemporalAccessor parsed, ChronoField field, int otherwise) {
        return parsed.isSupported(field) ? parsed.get(field) : otherwise;
    }

    /** DATE_FORMAT(timestamp, pattern): the UTC timestamp (epoch millis) formatted with a Java date-time pattern. */
    public static String dateFormat(Long millis, String pattern) {
        if (millis == null || pattern == null) {
            return null;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return DateTimeFormatter.ofPattern(pattern).format(time);
    }

    /** DATE_FORMAT(string, pattern): the string read as {@code yyyy-MM-dd HH:mm:ss}, then formatted. */
    public static String dateFormat(String text, String pattern) {
        return dateFormat(toTimestamp(text, DEFAULT_TIMESTAMP_FORMAT), pattern);
    }

    /** LOCATE(needle, haystack [, from]): 1-based position of needle in haystack at or after from; 0 when absent. */
    public static Integer locate(String needle, String haystack, Long from) {
        if (needle == null || haystack == null || from == null) {
            return null;
        }
        if (from < 1 || from > haystack.length() + 1L) {
            return 0;
        }
        return haystack.indexOf(needle, (int) (from - 1)) + 1;
    }

    public static Integer locate(String needle, String haystack) {
        return locate(needle, haystack, 1L);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * JSON_VALUE: the scalar at {@code path} ({@code $.a.b[0]}, {@code $['a']}, with an optional
     * {@code lax}/{@code strict} mode) as text; NULL when the path finds nothing, an object, an array
     * or a JSON null. Text that is not JSON, or a path this subset cannot read, is NULL, or an error
     * when {@code errorOnError} (ERROR ON ERROR).
     */
    public static String jsonValue(String json, String path, Boolean errorOnError) {
        if (json == null || path == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json).at(jsonPointer(path));
            if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
                return null;
            }
            return node.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            if (Boolean.TRUE.equals(errorOnError)) {
                throw new WeirException(ErrorCode.DATA_EXCEPTION, "JSON_VALUE cannot read " + abbreviate(json)
                        + " at path '" + path + "': " + e.getMessage().lines().findFirst().orElse(""));
            }
            return null;
        }
    }

    /** A JSON path of member and index steps as a JSON pointer: {@code $.a[0]['b c']} is {@code /a/0/b c}. */
    static String jsonPointer(String path) {
        String p = path.strip();
        if (p.regionMatches(true, 0, "lax ", 0, 4) || p.regionMatches(true, 0, "strict ", 0, 7)) {
            p = p.substring(p.indexOf(' ') + 1).strip();
        }
        if (!p.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $");
        }
        StringBuilder pointer = new StringBuilder();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                pointer.append('/').append(escapePointer(p.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ in the JSON path");
                }
                String step = p.substring(i + 1, end).strip();
                if (step.startsWith("'") || step.startsWith("\"")) {
                    step = step.substring(1, step.length() - 1);
                }
                pointer.append('/').append(escapePointer(step));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in the JSON path");
            }
        }
        return pointer.toString();
    }

    private static String escapePointer(String step) {
        return step.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 57) + "...'";
    }
}
