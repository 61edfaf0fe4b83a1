package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Streaming window aggregation over the rows of a window table function: a GROUP BY whose keys
 * include the window's {@code window_start} and {@code window_end}. Keeps accumulators per window
 * and group; emits a window's rows (the group keys in order, then one column per call, its final
 * value as in {@link AggregateMode#SINGLE}) once the input watermark reaches {@code window_end - 1}
 * ms, then frees the window's state. A row whose window has already fired ({@code window_end - 1 <=}
 * the current watermark) is dropped as late and counted. At the end of input every remaining window
 * fires. Emits inserts only; runs HASH-partitioned on the group keys.
 *
 * @param windowEndColumn the input column holding {@code window_end} (TIMESTAMP(3))
 */
public record WindowAggregateSpec(List<Integer> groupKeys, int windowEndColumn, List<AggregateCall> calls)
        implements OperatorSpec {
    public WindowAggregateSpec {
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        if (!groupKeys.contains(windowEndColumn)) {
            throw new IllegalArgumentException("window_end column " + windowEndColumn + " is not a group key");
        }
    }

    @Override
    public String describe() {
        return "WindowAggregate(groupBy=" + groupKeys + ", windowEnd=" + windowEndColumn + ", calls=" + calls + ")";
    }
}
