package io.weir.executor.codegen;

import io.weir.spi.batch.Decimals;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The bodies of SQL functions that compiled expressions call. Static, stateless, thread-safe.
 *
 * <p>Functions over objects (String, BigDecimal) return null when an argument is null (SQL's strict
 * NULL semantics); those over primitives are only called by generated code on non-null values. Times
 * are in UTC (the session time zone is fixed to UTC for now).
 */
public final class SqlFunctions {
    public static final long MILLIS_PER_DAY = 86_400_000L;
    public static final int YEAR = 0;
    public static final int MONTH = 1;
    public static final int DAY = 2;
    public static final int HOUR = 3;
    public static final int MINUTE = 4;
    public static final int SECOND = 5;
    public static final int DOW = 6;
    public static final int DOY = 7;
    public static final int QUARTER = 8;
    public static final int WEEK = 9;

    private static final ConcurrentHashMap<String, Pattern> LIKE_PATTERNS = new ConcurrentHashMap<>();

    private SqlFunctions() {
    }

    // ---- arithmetic

    public static long divide(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    public static double divide(double a, double b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    /** {@code a / b} rounded half up to {@code scale}; null when either is null. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
        if (a == null || b == null) {
            return null;
        }
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    public static long mod(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a % b;
    }

    public static double mod(double a, double b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a % b;
    }

    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return null;
        }
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.remainder(b);
    }

    public static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.add(b);
    }

    public static BigDecimal minus(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.subtract(b);
    }

    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.multiply(b);
    }

    public static BigDecimal negate(BigDecimal a) {
        return a == null ? null : a.negate();
    }

    /** {@code value} at exactly {@code scale} (half up), failing when it needs more than {@code precision} digits. */
    public static BigDecimal rescale(BigDecimal value, int precision, int scale) {
        return value == null ? null : Decimals.rescale(value, precision, scale);
    }

    public static BigDecimal toDecimal(long value) {
        return BigDecimal.valueOf(value);
    }

    public static BigDecimal toDecimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new WeirException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Cannot cast " + value + " to DECIMAL");
        }
        return BigDecimal.valueOf(value);
    }

    private static WeirException divisionByZero() {
        return new WeirException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
    }

    // ---- math

    public static BigDecimal abs(BigDecimal a) {
        return a == null ? null : a.abs();
    }

    public static BigDecimal floor(BigDecimal a) {
        return a == null ? null : a.setScale(0, RoundingMode.FLOOR);
    }

    public static BigDecimal ceil(BigDecimal a) {
        return a == null ? null : a.setScale(0, RoundingMode.CEILING);
    }

    public static long round(long value, int digits) {
        if (digits >= 0) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).longValue();
    }

    public static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    public static BigDecimal round(BigDecimal value, int digits) {
        return value == null ? null : value.setScale(digits, RoundingMode.HALF_UP);
    }

    public static double sqrt(double value) {
        return Math.sqrt(value);
    }

    public static double ln(double value) {
        if (value <= 0) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot take the logarithm of " + value);
        }
        return Math.log(value);
    }

    public static double log10(double value) {
        if (value <= 0) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot take the logarithm of " + value);
        }
        return Math.log10(value);
    }

    public static BigDecimal sign(BigDecimal a) {
        return a == null ? null : BigDecimal.valueOf(a.signum());
    }

    // ---- logic

    /** Three-valued AND over (isNull, value) pairs encoded as Boolean: null is unknown. */
    public static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return Boolean.FALSE;
        }
        return a == null || b == null ? null : Boolean.TRUE;
    }

    public static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return Boolean.TRUE;
        }
        return a == null || b == null ? null : Boolean.FALSE;
    }

    // ---- strings

    public static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    public static int charLength(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Removes {@code characters} from both ends ({@code leading}/{@code trailing} select the ends). */
    public static String trim(String s, String characters, boolean leading, boolean trailing) {
        if (s == null || characters == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        if (leading) {
            while (start < end && characters.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
        }
        if (trailing) {
            while (end > start && characters.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    /** SQL SUBSTRING: 1-based {@code start}, which may be before the string; {@code length} < 0 fails. */
    public static String substring(String s, long start, long length) {
        if (s == null) {
            return null;
        }
        if (length < 0) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Negative substring length not allowed");
        }
        int codePoints = s.codePointCount(0, s.length());
        long first = Math.max(start, 1);
        long last = Math.min(start + length, (long) codePoints + 1); // exclusive, 1-based
        if (first >= last) {
            return "";
        }
        int from = s.offsetByCodePoints(0, (int) first - 1);
        int to = s.offsetByCodePoints(0, (int) last - 1);
        return s.substring(from, to);
    }

    public static String substring(String s, long start) {
        return substring(s, start, Integer.MAX_VALUE);
    }

    public static String concat(String a, String b) {
        return a == null || b == null ? null : a.concat(b);
    }

    public static String replace(String s, String search, String replacement) {
        if (s == null || search == null || replacement == null) {
            return null;
        }
        return search.isEmpty() ? s : s.replace(search, replacement);
    }

    /** 1-based position of {@code search} in {@code s}, 0 when absent. */
    public static int position(String search, String s) {
        int index = s.indexOf(search);
        return index < 0 ? 0 : s.codePointCount(0, index) + 1;
    }

    public static String initcap(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean startOfWord = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = !Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    /** The compiled form of a LIKE pattern ({@code %}, {@code _}, optional one-character escape). */
    public static Pattern likePattern(String pattern, String escape) {
        return LIKE_PATTERNS.computeIfAbsent(pattern + '\u0000' + (escape == null ? "" : escape), key -> {
            if (escape != null && escape.length() != 1) {
                throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid escape string '" + escape + "'");
            }
            char esc = escape == null ? 0 : escape.charAt(0);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (escape != null && c == esc) {
                    if (i + 1 >= pattern.length()) {
                        throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE,
                                "LIKE pattern '" + pattern + "' ends with the escape character");
                    }
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        });
    }

    public static Boolean like(String s, String pattern, String escape) {
        if (s == null || pattern == null) {
            return null;
        }
        return likePattern(pattern, escape).matcher(s).matches();
    }

    // ---- time

    public static int extractUnit(String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR" -> YEAR;
            case "MONTH" -> MONTH;
            case "DAY" -> DAY;
            case "HOUR" -> HOUR;
            case "MINUTE" -> MINUTE;
            case "SECOND" -> SECOND;
            case "DOW" -> DOW;
            case "DOY" -> DOY;
            case "QUARTER" -> QUARTER;
            case "WEEK" -> WEEK;
            default -> throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Unknown time unit '" + unit + "'");
        };
    }

    /** Epoch millis plus calendar months (Jan 31 + 1 month = Feb 29/28, as java.time and Flink do). */
    public static long addMonths(long millis, long months) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return time.plusMonths(months).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Whole calendar months from {@code fromMillis} to {@code toMillis}, negative when backwards. */
    public static int monthsBetween(long fromMillis, long toMillis) {
        LocalDateTime from = LocalDateTime.ofEpochSecond(Math.floorDiv(fromMillis, 1000L),
                (int) Math.floorMod(fromMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofEpochSecond(Math.floorDiv(toMillis, 1000L),
                (int) Math.floorMod(toMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return (int) java.time.temporal.ChronoUnit.MONTHS.between(from, to);
    }

    /** Epoch days plus calendar months. */
    public static int addMonthsToDate(int days, long months) {
        return (int) LocalDate.ofEpochDay(days).plusMonths(months).toEpochDay();
    }

    /** The unit of FLOOR/CEIL(t TO unit): one of the extract units that name a span of time. */
    public static int timeUnit(String unit) {
        int code = extractUnit(unit);
        if (code == DOW || code == DOY) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot round a time to unit '" + unit + "'");
        }
        return code;
    }

    /** {@code millis} rounded down to the start of its {@code unit} (weeks start on Monday, as Flink's). */
    public static long floorTime(int unit, long millis) {
        return switch (unit) {
            case SECOND -> Math.floorDiv(millis, 1_000L) * 1_000L;
            case MINUTE -> Math.floorDiv(millis, 60_000L) * 60_000L;
            case HOUR -> Math.floorDiv(millis, 3_600_000L) * 3_600_000L;
            case DAY -> Math.floorDiv(millis, 86_400_000L) * 86_400_000L;
            default -> {
                LocalDate date = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC).toLocalDate();
                LocalDate start = switch (unit) {
                    case WEEK -> date.minusDays(date.getDayOfWeek().getValue() - 1L);
                    case MONTH -> date.withDayOfMonth(1);
                    case QUARTER -> date.withDayOfMonth(1).withMonth((date.getMonthValue() - 1) / 3 * 3 + 1);
                    default -> date.withDayOfYear(1);
                };
                yield start.toEpochDay() * 86_400_000L;
            }
        };
    }

    /** {@code millis} rounded up to the start of a {@code unit}; unchanged when already on one. */
    public static long ceilTime(int unit, long millis) {
        long floor = floorTime(unit, millis);
        if (floor == millis) {
            return millis;
        }
        return switch (unit) {
            case SECOND -> floor + 1_000L;
            case MINUTE -> floor + 60_000L;
            case HOUR -> floor + 3_600_000L;
            case DAY -> floor + 86_400_000L;
            default -> {
                LocalDate start = LocalDate.ofEpochDay(Math.floorDiv(floor, 86_400_000L));
                LocalDate next = switch (unit) {
                    case WEEK -> start.plusWeeks(1);
                    case MONTH -> start.plusMonths(1);
                    case QUARTER -> start.plusMonths(3);
                    default -> start.plusYears(1);
                };
                yield next.toEpochDay() * 86_400_000L;
            }
        };
    }

    /** A field of a timestamp given as milliseconds since the epoch (DOW: Sunday = 1, as Flink). */
    public static long extract(int unit, long millis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return switch (unit) {
            case YEAR -> time.getYear();
            case MONTH -> time.getMonthValue();
            case DAY -> time.getDayOfMonth();
            case HOUR -> time.getHour();
            case MINUTE -> time.getMinute();
            case SECOND -> time.getSecond();
            case DOW -> time.getDayOfWeek().getValue() % 7 + 1;
            case DOY -> time.getDayOfYear();
            case QUARTER -> (time.getMonthValue() - 1) / 3 + 1;
            case WEEK -> time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    public static int currentDate(long nowMillis) {
        return (int) Math.floorDiv(nowMillis, MILLIS_PER_DAY);
    }

    // ---- casts from strings

    public static int parseInt(String s, String typeName) {
        long value = parseLong(s, typeName);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw outOfRange(s, typeName);
        }
        return (int) value;
    }

    public static short parseShort(String s) {
        long value = parseLong(s, "SMALLINT");
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw outOfRange(s, "SMALLINT");
        }
        return (short) value;
    }

    public static byte parseByte(String s) {
        long value = parseLong(s, "TINYINT");
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
            throw outOfRange(s, "TINYINT");
        }
        return (byte) value;
    }

    public static long parseLong(String s, String typeName) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw cannotCast(s, typeName);
        }
    }

    public static double parseDouble(String s, String typeName) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw cannotCast(s, typeName);
        }
    }

    public static BigDecimal parseDecimal(String s, int precision, int scale) {
        BigDecimal value;
        try {
            value = new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw cannotCast(s, "DECIMAL(" + precision + ", " + scale + ")");
        }
        return Decimals.rescale(value, precision, scale);
    }

    public static boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1", "on" -> true;
            case "false", "f", "no", "n", "0", "off" -> false;
            default -> throw cannotCast(s, "BOOLEAN");
        };
    }

    public static int parseDate(String s) {
        try {
            return (int) LocalDate.parse(s.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw cannotCast(s, "DATE");
        }
    }

    public static int parseTime(String s) {
        try {
            return (int) (LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000L);
        } catch (DateTimeParseException e) {
            throw cannotCast(s, "TIME");
        }
    }

    /** {@code yyyy-MM-dd[ HH:mm[:ss[.fff]]]}, also with {@code T} between date and time. */
    public static long parseTimestamp(String s, String typeName) {
        String text = s.trim().replace('T', ' ');
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text).toEpochDay() * MILLIS_PER_DAY;
            }
            LocalDate date = LocalDate.parse(text.substring(0, 10));
            LocalTime time = LocalTime.parse(text.substring(11).trim());
            return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw cannotCast(s, typeName);
        }
    }

    public static WeirException cannotCast(String s, String typeName) {
        return new WeirException(ErrorCode.INVALID_TEXT_REPRESENTATION, "Cannot cast '" + s + "' to " + typeName);
    }

    private static WeirException outOfRange(String s, String typeName) {
        return new WeirException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Value '" + s.trim() + "' is out of range for " + typeName);
    }

    /** Narrows a whole number, failing when it does not fit (CAST from DECIMAL/DOUBLE/BIGINT to a smaller type wraps in Java). */
    public static long checkRange(long value, long min, long max, String typeName) {
        if (value < min || value > max) {
            throw new WeirException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Value " + value + " is out of range for " + typeName);
        }
        return value;
    }

    // ---- casts to strings

    public static String booleanToString(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    public static String dateToString(int days) {
        return LocalDate.ofEpochDay(days).toString();
    }

    public static String timeToString(int millis) {
        LocalTime time = LocalTime.ofNanoOfDay(Math.floorMod(millis, (int) MILLIS_PER_DAY) * 1_000_000L);
        String text = String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        int fraction = time.get(ChronoField.MILLI_OF_SECOND);
        return fraction == 0 ? text : text + String.format(Locale.ROOT, ".%03d", fraction);
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.SSS]}; the fraction only when it is not zero. */
    public static String timestampToString(long millis) {
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
        int fraction = (int) Math.floorMod(millis, 1000L);
        return fraction == 0 ? text : text + String.format(Locale.ROOT, ".%03d", fraction);
    }

    public static String decimalToString(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    public static String bytesToString(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public static byte[] stringToBytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public static String fromUtf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** CHAR(n)/VARCHAR(n): cut to {@code length} characters (Flink's CAST does the same); -1: no limit. */
    public static String truncate(String value, int length) {
        if (value == null || length < 0 || value.length() <= length) {
            return value;
        }
        return value.substring(0, length);
    }
}
