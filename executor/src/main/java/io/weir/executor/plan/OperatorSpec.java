package io.weir.executor.plan;

import java.io.Serializable;

/**
 * What a vertex does: a closed set of operator descriptions the executor knows how to run.
 *
 * <p>Changelogs: a vertex whose output type ends with the column {@code $row_kind} (TINYINT NOT
 * NULL, see {@link io.weir.spi.batch.RowKind}) emits a changelog; every other vertex emits inserts
 * only. The column is an ordinary column to exchanges, chaining and {@link CalcSpec} (which must
 * project it last to keep it); operators that read changes ({@link GroupAggregateSpec}, sinks of
 * tables that accept a changelog) interpret it. The planner checks that no other vertex gets one.
 */
public sealed interface OperatorSpec extends Serializable
        permits SourceSpec, CalcSpec, AggregateSpec, SortSpec, UnionSpec, ValuesSpec, SinkSpec, CollectSpec,
        JoinSpec, RankSpec, GroupAggregateSpec, WindowAggregateSpec,
        WindowAssignSpec, OverAggregateSpec, SessionAssignSpec, StreamingJoinSpec, StreamingRankSpec, LookupJoinSpec,
        IntervalJoinSpec, UnnestSpec, TemporalJoinSpec, WindowRankSpec, WindowJoinSpec {
    /** One line for EXPLAIN. */
    String describe();
}
