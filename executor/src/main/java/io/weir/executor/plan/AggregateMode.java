package io.weir.executor.plan;

/**
 * Where an aggregate stands in a two-phase plan. PARTIAL runs before the exchange and emits per
 * group the accumulators: COUNT → BIGINT count, SUM/MIN/MAX → a value of the result type, AVG → two
 * columns (sum as DOUBLE or DECIMAL(38, s), count BIGINT). FINAL reads those columns (group keys
 * first, then the accumulators in call order, at positions 0..n) and merges them. SINGLE does it all
 * in one place (needed for DISTINCT).
 */
public enum AggregateMode {
    SINGLE,
    PARTIAL,
    FINAL
}
