package io.weir.executor.codegen;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Run-time helpers of generated calls of user-defined functions: conversions between Weir's value
 * convention (TIMESTAMP as epoch millis, DATE as epoch days, TIME as millis of the day) and the
 * java.time classes a function's {@code eval} takes and returns, and the error of a failed call.
 */
public final class UserFunctions {
    private UserFunctions() {
    }

    public static LocalDateTime toLocalDateTime(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
                ZoneOffset.UTC);
    }

    public static long fromLocalDateTime(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    public static Instant toInstant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    public static long fromInstant(Instant value) {
        return value.toEpochMilli();
    }

    public static LocalDate toLocalDate(int days) {
        return LocalDate.ofEpochDay(days);
    }

    public static int fromLocalDate(LocalDate value) {
        return (int) value.toEpochDay();
    }

    public static LocalTime toLocalTime(int millis) {
        return LocalTime.ofNanoOfDay(millis * 1_000_000L);
    }

    public static int fromLocalTime(LocalTime value) {
        return (int) (value.toNanoOfDay() / 1_000_000L);
    }

    /** The error of a call of {@code function} that threw {@code error}; fails the job naming the function. */
    public static WeirException failed(String function, Throwable error) {
        return new WeirException(ErrorCode.EXTERNAL_ROUTINE_EXCEPTION, "User-defined function '" + function
                + "' failed: " + error, error);
    }
}
