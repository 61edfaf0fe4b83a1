package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

/**
 * A window join in streaming mode, as Flink's: an equi-join of two window table functions (or window
 * aggregations) whose keys include both sides' {@code window_start} and {@code window_end}, so that
 * rows only meet rows of the same window. Each side's rows wait in state per join key until the
 * input watermark (the minimum of both inputs) reaches {@code window_end - 1} ms; then the window's
 * pairs that pass the residual condition go out, an outer side's unmatched rows padded with NULLs
 * (SEMI/ANTI: the left rows with / without a match), and the window's state of that key is deleted.
 * A row whose window has already fired is late: dropped and counted. Emits inserts only; runs
 * HASH-partitioned on the join keys.
 *
 * @param join the equi keys (including the window columns), the residual condition and the type
 * @param leftWindowEnd the left input's {@code window_end} column
 * @param rightWindowEnd the right input's {@code window_end} column
 */
public record WindowJoinSpec(JoinSpec join, int leftWindowEnd, int rightWindowEnd) implements OperatorSpec {
    public WindowJoinSpec {
        requireNonNull(join, "join is null");
        int at = join.leftKeys().indexOf(leftWindowEnd);
        if (at < 0 || join.rightKeys().get(at) != rightWindowEnd) {
            throw new IllegalArgumentException("the window ends $" + leftWindowEnd + " and $" + rightWindowEnd
                    + " are not a pair of join keys");
        }
    }

    @Override
    public String describe() {
        return "Window" + join.describe() + " on window_end $" + leftWindowEnd + " = right.$" + rightWindowEnd;
    }
}
