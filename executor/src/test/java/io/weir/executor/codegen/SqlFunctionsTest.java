package io.weir.executor.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SqlFunctionsTest {
    @Test
    void stringFunctionsReturnNullForNull() {
        assertThat(SqlFunctions.upper(null)).isNull();
        assertThat(SqlFunctions.lower(null)).isNull();
        assertThat(SqlFunctions.trim(null, " ", true, true)).isNull();
        assertThat(SqlFunctions.substring(null, 1, 2)).isNull();
        assertThat(SqlFunctions.concat("a", null)).isNull();
        assertThat(SqlFunctions.replace("a", null, "b")).isNull();
        assertThat(SqlFunctions.initcap(null)).isNull();
        assertThat(SqlFunctions.like(null, "%", null)).isNull();
        assertThat(SqlFunctions.like("abc", null, null)).isNull();
    }

    @Test
    void stringFunctions() {
        assertThat(SqlFunctions.upper("straße")).isEqualTo("STRASSE");
        assertThat(SqlFunctions.trim("xxhixx", "x", true, false)).isEqualTo("hixx");
        assertThat(SqlFunctions.trim("  hi  ", " ", true, true)).isEqualTo("hi");
        assertThat(SqlFunctions.substring("hello", 2, 3)).isEqualTo("ell");
        assertThat(SqlFunctions.substring("hello", 0, 3)).isEqualTo("he");
        assertThat(SqlFunctions.substring("hello", 4)).isEqualTo("lo");
        assertThat(SqlFunctions.position("l", "hello")).isEqualTo(3);
        assertThat(SqlFunctions.position("z", "hello")).isZero();
        assertThat(SqlFunctions.initcap("hello wORLD")).isEqualTo("Hello World");
        assertThat(SqlFunctions.charLength("tromsø")).isEqualTo(6);
        assertThat(SqlFunctions.like("a_c%", "a\\_c\\%", "\\")).isTrue();
        assertThat(SqlFunctions.like("abc", "a_c", null)).isTrue();
        assertThat(SqlFunctions.like("a.c", "a%", null)).isTrue();
        assertThat(SqlFunctions.like("xabc", "a%", null)).isFalse();
    }

    @Test
    void threeValuedLogic() {
        assertThat(SqlFunctions.and(null, false)).isFalse();
        assertThat(SqlFunctions.and(null, true)).isNull();
        assertThat(SqlFunctions.or(null, true)).isTrue();
        assertThat(SqlFunctions.or(null, false)).isNull();
        assertThat(SqlFunctions.and(true, true)).isTrue();
    }

    @Test
    void decimalArithmetic() {
        assertThat(SqlFunctions.divide(new BigDecimal("1.00"), new BigDecimal("3"), 4)).isEqualTo(new BigDecimal("0.3333"));
        assertThat(SqlFunctions.divide(new BigDecimal("2"), new BigDecimal("3"), 2)).isEqualTo(new BigDecimal("0.67"));
        assertThat(SqlFunctions.divide(null, BigDecimal.ONE, 2)).isNull();
        assertThat(SqlFunctions.plus(null, BigDecimal.ONE)).isNull();
        assertThat(SqlFunctions.rescale(null, 10, 2)).isNull();
        assertThat(SqlFunctions.rescale(new BigDecimal("1.005"), 10, 2)).isEqualTo(new BigDecimal("1.01"));
        assertThat(SqlFunctions.round(new BigDecimal("2.345"), 2)).isEqualTo(new BigDecimal("2.35"));
        assertThat(SqlFunctions.round(1250L, -2)).isEqualTo(1300L);
        assertThat(SqlFunctions.mod(null, BigDecimal.ONE)).isNull();
    }

    @Test
    void divisionByZeroIsAnError() {
        assertThatThrownBy(() -> SqlFunctions.divide(1L, 0L)).isInstanceOf(WeirException.class)
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
        assertThatThrownBy(() -> SqlFunctions.divide(BigDecimal.ONE, BigDecimal.ZERO, 2))
                .hasMessage("Division by zero");
        assertThatThrownBy(() -> SqlFunctions.mod(5L, 0L)).isInstanceOf(WeirException.class);
    }

    @Test
    void castsFromStrings() {
        assertThat(SqlFunctions.parseInt(" 42 ", "INT")).isEqualTo(42);
        assertThatThrownBy(() -> SqlFunctions.parseInt("abc", "INT")).isInstanceOf(WeirException.class)
                .hasMessage("Cannot cast 'abc' to INT")
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.INVALID_TEXT_REPRESENTATION));
        assertThatThrownBy(() -> SqlFunctions.parseByte("300")).isInstanceOf(WeirException.class);
        assertThat(SqlFunctions.parseDecimal("1.234", 10, 2)).isEqualTo(new BigDecimal("1.23"));
        assertThat(SqlFunctions.parseBoolean("TRUE")).isTrue();
        assertThatThrownBy(() -> SqlFunctions.parseBoolean("maybe")).hasMessage("Cannot cast 'maybe' to BOOLEAN");
        assertThat(SqlFunctions.parseDate("2024-02-29")).isEqualTo(19782);
        assertThat(SqlFunctions.parseTimestamp("2024-02-29 12:30:00.5", "TIMESTAMP(3)"))
                .isEqualTo(19782L * 86_400_000L + 45_000_500L);
        assertThat(SqlFunctions.parseTimestamp("2024-02-29T12:30", "TIMESTAMP(3)")).isEqualTo(19782L * 86_400_000L + 45_000_000L);
        assertThatThrownBy(() -> SqlFunctions.parseTimestamp("noon", "TIMESTAMP(3)")).hasMessage("Cannot cast 'noon' to TIMESTAMP(3)");
    }

    @Test
    void castsToStrings() {
        assertThat(SqlFunctions.timestampToString(19782L * 86_400_000L + 45_000_500L)).isEqualTo("2024-02-29 12:30:00.500");
        assertThat(SqlFunctions.timestampToString(0)).isEqualTo("1970-01-01 00:00:00");
        assertThat(SqlFunctions.dateToString(19782)).isEqualTo("2024-02-29");
        assertThat(SqlFunctions.booleanToString(true)).isEqualTo("TRUE");
        assertThat(SqlFunctions.decimalToString(null)).isNull();
        assertThat(SqlFunctions.bytesToString(null)).isNull();
        assertThat(SqlFunctions.truncate("hello", 3)).isEqualTo("hel");
        assertThat(SqlFunctions.truncate(null, 3)).isNull();
    }

    @Test
    void extract() {
        long millis = 19782L * 86_400_000L + 45_000_500L; // Thursday 2024-02-29 12:30
        assertThat(SqlFunctions.extract(SqlFunctions.extractUnit("year"), millis)).isEqualTo(2024);
        assertThat(SqlFunctions.extract(SqlFunctions.MONTH, millis)).isEqualTo(2);
        assertThat(SqlFunctions.extract(SqlFunctions.HOUR, millis)).isEqualTo(12);
        assertThat(SqlFunctions.extract(SqlFunctions.DOW, millis)).isEqualTo(5);
        assertThat(SqlFunctions.extract(SqlFunctions.DOY, millis)).isEqualTo(60);
        assertThat(SqlFunctions.extract(SqlFunctions.QUARTER, millis)).isEqualTo(1);
    }

    @Test
    void floorAndCeilToUnitsAgreeWithJavaTime() {
        java.time.LocalDateTime[] samples = {java.time.LocalDateTime.of(2024, 2, 29, 12, 30, 15, 250_000_000),
                java.time.LocalDateTime.of(1969, 12, 31, 23, 59, 59), java.time.LocalDateTime.of(2023, 1, 1, 0, 0)};
        for (java.time.LocalDateTime time : samples) {
            long millis = time.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            java.time.LocalDateTime hour = time.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            java.time.LocalDateTime month = time.toLocalDate().withDayOfMonth(1).atStartOfDay();
            java.time.LocalDateTime week = time.toLocalDate()
                    .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).atStartOfDay();
            assertThat(SqlFunctions.floorTime(SqlFunctions.HOUR, millis)).isEqualTo(epochMillis(hour));
            assertThat(SqlFunctions.floorTime(SqlFunctions.MONTH, millis)).isEqualTo(epochMillis(month));
            assertThat(SqlFunctions.floorTime(SqlFunctions.WEEK, millis)).isEqualTo(epochMillis(week));
            long expectedCeil = epochMillis(hour.equals(time) ? time : hour.plusHours(1));
            assertThat(SqlFunctions.ceilTime(SqlFunctions.HOUR, millis)).isEqualTo(expectedCeil);
            long expectedYear = epochMillis(time.getDayOfYear() == 1 && time.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                    ? time : time.toLocalDate().withDayOfYear(1).plusYears(1).atStartOfDay());
            assertThat(SqlFunctions.ceilTime(SqlFunctions.YEAR, millis)).isEqualTo(expectedYear);
        }
        assertThatThrownBy(() -> SqlFunctions.timeUnit("DOW")).isInstanceOf(WeirException.class);
    }

    @Test
    void calendarMonthArithmetic() {
        long jan31 = epochMillis(java.time.LocalDateTime.of(2024, 1, 31, 8, 0));
        assertThat(SqlFunctions.addMonths(jan31, 1)).isEqualTo(epochMillis(java.time.LocalDateTime.of(2024, 2, 29, 8, 0)));
        assertThat(SqlFunctions.addMonths(jan31, -13)).isEqualTo(epochMillis(java.time.LocalDateTime.of(2022, 12, 31, 8, 0)));
        int days = (int) java.time.LocalDate.of(2023, 3, 31).toEpochDay();
        assertThat(SqlFunctions.addMonthsToDate(days, 1)).isEqualTo((int) java.time.LocalDate.of(2023, 4, 30).toEpochDay());
        long mar14 = epochMillis(java.time.LocalDateTime.of(2024, 3, 14, 0, 0));
        long jan15 = epochMillis(java.time.LocalDateTime.of(2024, 1, 15, 0, 0));
        assertThat(SqlFunctions.monthsBetween(jan15, mar14)).isEqualTo(1);
        assertThat(SqlFunctions.monthsBetween(mar14, jan15)).isEqualTo(-1);
    }

    private static long epochMillis(java.time.LocalDateTime time) {
        return time.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    }
}
