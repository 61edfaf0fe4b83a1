package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Hash aggregation over bounded input: one output row per group when the input ends (a global
 * aggregate, with no group keys, emits one row even for empty input in SINGLE and FINAL mode).
 *
 * <p>Output columns: the group keys in order, then one column per call. In {@link AggregateMode#PARTIAL}
 * mode each call emits its accumulator instead (see {@link AggregateMode}).
 */
public record AggregateSpec(List<Integer> groupKeys, List<AggregateCall> calls, AggregateMode mode)
        implements OperatorSpec {
    public AggregateSpec {
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        requireNonNull(mode, "mode is null");
    }

    @Override
    public String describe() {
        return "Aggregate(mode=" + mode + ", groupBy=" + groupKeys + ", calls=" + calls + ")";
    }
}
