package io.weir.executor.plan;

import java.io.Serializable;

/** What a vertex does: a closed set of operator descriptions the executor knows how to run. */
public sealed interface OperatorSpec extends Serializable
        permits SourceSpec, CalcSpec, AggregateSpec, SortSpec, UnionSpec, ValuesSpec, SinkSpec, CollectSpec {
    /** One line for EXPLAIN. */
    String describe();
}
