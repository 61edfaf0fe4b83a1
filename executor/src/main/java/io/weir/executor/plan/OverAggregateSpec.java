package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.SortSpec.SortKey;
import java.util.List;

/**
 * Aggregates {@code OVER (PARTITION BY … ORDER BY … ROWS|RANGE BETWEEN … PRECEDING AND CURRENT ROW)},
 * as Flink's OverAggregate: every input row is emitted once, with the value of each call over its
 * frame (the rows of its partition from the lower bound up to the row itself; for RANGE, with every
 * row that has the same order value). The input is HASH-exchanged on the partition keys.
 *
 * <p>With {@code timeColumn} ≥ 0 (streaming, ordered by the rowtime ascending), rows are buffered
 * until the watermark passes their time and then emitted in time order; a row whose time is not
 * after the watermark when it arrives is late, dropped and counted, as Flink does. With
 * {@code timeColumn} -1 the whole input is sorted when it ends (bounded input).
 *
 * <p>Output columns: the input columns, then one column per call.
 *
 * @param frame ROWS or RANGE
 * @param lowerOffset rows (ROWS) or order-key units (RANGE; milliseconds for times) before the
 *     current row where the frame starts; -1 for UNBOUNDED PRECEDING
 */
public record OverAggregateSpec(List<Integer> partitionKeys, List<SortKey> orderKeys, Frame frame,
        long lowerOffset, List<AggregateCall> calls, int timeColumn) implements OperatorSpec {
    public OverAggregateSpec {
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        orderKeys = List.copyOf(requireNonNull(orderKeys, "orderKeys is null"));
        requireNonNull(frame, "frame is null");
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        if (frame == Frame.RANGE && lowerOffset >= 0 && orderKeys.size() != 1) {
            throw new IllegalArgumentException("a RANGE frame with an offset needs exactly one order key");
        }
    }

    /** How the frame's lower bound is measured. */
    public enum Frame {
        /** A number of rows before the current one. */
        ROWS,
        /** A distance in the order key's value; rows with equal order values are peers, always together. */
        RANGE
    }

    @Override
    public String describe() {
        return "OverAggregate(partitionBy=" + partitionKeys + ", orderBy=" + orderKeys + ", " + frame + " "
                + (lowerOffset < 0 ? "UNBOUNDED" : String.valueOf(lowerOffset)) + " PRECEDING, calls=" + calls
                + (timeColumn >= 0 ? ", rowtime=$" + timeColumn : "") + ")";
    }
}
