package io.weir.connector.datagen;

import java.util.function.LongSupplier;

/**
 * A token bucket pacing one reader to a number of rows per second without sleeping: {@link #acquire}
 * grants what has accumulated, or nothing, and the reader then reports NOTHING_AVAILABLE.
 *
 * <p>Grants come in chunks of at least 10 ms worth of rows so that a slow rate does not turn into
 * a stream of one-row batches; the bucket holds at most one second of rows, so a reader that was
 * not polled for a while catches up by at most one second. Not thread-safe.
 */
final class RateLimiter {
    private final double rowsPerNano;
    private final double minChunk;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    RateLimiter(double rowsPerSecond, LongSupplier nanoClock) {
        if (!(rowsPerSecond > 0)) {
            throw new IllegalArgumentException("rowsPerSecond must be positive: " + rowsPerSecond);
        }
        this.rowsPerNano = rowsPerSecond / 1e9;
        this.minChunk = Math.max(1, Math.floor(rowsPerSecond / 100));
        this.capacity = Math.max(minChunk, rowsPerSecond);
        this.nanoClock = nanoClock;
        this.tokens = minChunk;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** Takes up to {@code wanted} rows from the bucket; 0 when fewer than a chunk have accumulated. */
    int acquire(int wanted) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * rowsPerNano);
        lastNanos = now;
        if (tokens < Math.min(minChunk, wanted)) {
            return 0;
        }
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }
}
