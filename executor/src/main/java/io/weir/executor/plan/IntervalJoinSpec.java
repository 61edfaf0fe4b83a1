package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.JoinSpec.JoinType;

/**
 * An interval join in streaming mode, as Flink's: an equi-join of two insert-only inputs whose
 * condition bounds the left time attribute against the right one, so that a row can only match rows
 * of the other side within a fixed distance in event time: {@code lowerBound <= leftTime - rightTime
 * <= upperBound} (milliseconds). Each side's rows are kept in state until the watermark (the minimum
 * of both inputs) makes them unjoinable, then dropped; an outer side emits its rows that never
 * matched, padded with NULLs, at that moment. The output is insert-only, and the output watermark
 * is held back by the bound so the time attributes of the rows it emits late are not behind it.
 *
 * <p>The bounds only decide what state is kept and which stored rows are candidates; the whole
 * condition ({@code join.condition()}, which still contains the time comparisons, strict or not)
 * decides which pairs match. A row whose time is at or behind the watermark (or NULL) is late: it
 * is dropped and counted in the vertex's late-row metric.
 *
 * @param join the equi keys, the residual condition and the type (INNER, LEFT, RIGHT or FULL)
 * @param leftTime the left input's time attribute column
 * @param rightTime the right input's time attribute column
 */
public record IntervalJoinSpec(JoinSpec join, int leftTime, int rightTime, long lowerBound, long upperBound)
        implements OperatorSpec {
    public IntervalJoinSpec {
        requireNonNull(join, "join is null");
        JoinType type = join.joinType();
        if (type == JoinType.SEMI || type == JoinType.ANTI) {
            throw new IllegalArgumentException("an interval join is INNER, LEFT, RIGHT or FULL, not " + type);
        }
        if (lowerBound > upperBound) {
            throw new IllegalArgumentException("interval join bounds are empty: " + lowerBound + " > " + upperBound);
        }
    }

    /** How far the output watermark stays behind the input watermark: the most a padded row's time lags it. */
    public long watermarkDelay() {
        return Math.max(0, Math.max(upperBound, -lowerBound));
    }

    @Override
    public String describe() {
        return "Interval" + join.describe() + " within $" + leftTime + " - right.$"
                + rightTime + " in [" + lowerBound + ", " + upperBound + "] ms";
    }
}
