package io.weir.executor.plan;

/** The aggregate functions the executor computes. SUM over no rows is NULL; COUNT over no rows is 0. */
public enum AggregateFunction {
    COUNT,
    SUM,
    /** SUM that yields 0 instead of NULL for no rows (Calcite's $SUM0, used when splitting AVG). */
    SUM0,
    MIN,
    MAX,
    AVG
}
