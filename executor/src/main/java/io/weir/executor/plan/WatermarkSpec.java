package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * How a source generates event-time watermarks ({@code WATERMARK FOR rowtime AS expression}).
 *
 * @param rowtimeColumn the index of the rowtime column in the source's row, -1 when it is a computed column
 * @param expression the watermark of a row, over the source's row (TIMESTAMP(3) as epoch millis)
 * @param onEvent true: a watermark after every row that advances it ({@code 'on-event'}); false:
 *     the largest so far every {@code periodicMillis} ({@code 'on-periodic'})
 * @param periodicMillis {@code 'pipeline.auto-watermark-interval'}
 * @param idleTimeoutMillis {@code 'scan.watermark.idle-timeout'}, 0 when not set
 */
public record WatermarkSpec(int rowtimeColumn, Expr expression, boolean onEvent, long periodicMillis,
        long idleTimeoutMillis) implements Serializable {
    public WatermarkSpec {
        requireNonNull(expression, "expression is null");
        if (periodicMillis <= 0) {
            throw new IllegalArgumentException("periodicMillis must be positive, not " + periodicMillis);
        }
    }

    @Override
    public String toString() {
        return "watermark=" + expression + (onEvent ? " on-event" : " every " + periodicMillis + " ms");
    }
}
