package io.weir.connector.jdbc;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * When a failed statement is worth trying again, and how long to wait first. A lost connection
 * ({@code 08…}), a server shutting down or a terminated backend ({@code 57P…}), a serialization
 * failure or deadlock ({@code 40…}) and lack of resources ({@code 53…}) are transient; bad data
 * ({@code 22…}), a violated constraint ({@code 23…}) and a bad statement ({@code 42…}) fail the same
 * way every time. Stateless.
 */
final class Retries {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private Retries() {
    }

    static boolean isRetriable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        return !(state.startsWith("22") || state.startsWith("23") || state.startsWith("42") || state.startsWith("0A"));
    }

    /** How long to wait before retry number {@code attempt} (1-based): 100 ms, doubling, at most 5 s. */
    static Duration backoff(int attempt) {
        long millis = 100L << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /**
     * What went wrong, for logs and errors: PgJDBC's batch failure repeats the whole statement with
     * the row's values, so the underlying server error is shown instead.
     */
    static String describe(SQLException e) {
        SQLException next = e instanceof BatchUpdateException ? e.getNextException() : null;
        return next != null ? next.getMessage() : e.getMessage();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.QUERY_CANCELED, "Interrupted while waiting to retry");
        }
    }
}
