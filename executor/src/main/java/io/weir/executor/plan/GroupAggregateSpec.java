package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Streaming (unwindowed) GROUP BY: keeps every group's accumulators and, for each input row, emits
 * the change of the group's result as a changelog (see {@link io.weir.spi.batch.RowKind}): {@code +I}
 * for a new group, {@code -U} of the old result then {@code +U} of the new one for an existing group,
 * {@code -D} when retractions empty a group, and nothing when the result did not change (as Flink's
 * GroupAggregate without state TTL).
 *
 * <p>Input: any row type; when it is a changelog (its last column is {@code $row_kind}) the
 * {@code -U}/{@code -D} rows retract from their group: COUNT and SUM subtract, MIN and MAX keep a
 * multiset of values, DISTINCT keeps a count per distinct value. Output columns: the group keys in
 * order, one column per call (its final value, as in {@link AggregateMode#SINGLE}), then
 * {@code $row_kind}. Runs HASH-partitioned on the group keys (parallelism 1 without keys). Emits
 * nothing more when the input ends. With a state TTL a group whose state expired starts again
 * from a {@code +I} (nothing is retracted when it expires), as in Flink.
 *
 * <p>{@code stateTtlMillis}: {@code 'table.exec.state.ttl'}; when positive, a key's state that was
 * not written for that long (processing time) is forgotten, as in Flink; 0 keeps state forever.
 */
public record GroupAggregateSpec(List<Integer> groupKeys, List<AggregateCall> calls, long stateTtlMillis)
        implements OperatorSpec {
    public GroupAggregateSpec {
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        StateTtls.check(stateTtlMillis);
    }

    /** Without a state TTL. */
    public GroupAggregateSpec(List<Integer> groupKeys, List<AggregateCall> calls) {
        this(groupKeys, calls, 0);
    }

    public GroupAggregateSpec withStateTtl(long millis) {
        return new GroupAggregateSpec(groupKeys, calls, millis);
    }

    @Override
    public String describe() {
        return "GroupAggregate(groupBy=" + groupKeys + ", calls=" + calls + StateTtls.describe(stateTtlMillis) + ")";
    }
}
