package io.weir.executor.plan;

/** How rows travel from a producer's subtasks to a consumer's subtasks. */
public enum ExchangeKind {
    /** Subtask i to subtask i; needs equal parallelism. Chained into one thread when possible. */
    FORWARD,
    /** By the key group of the hash of {@code hashKeys}, so equal keys meet in one subtask. */
    HASH,
    /** Every row to every consumer subtask. */
    BROADCAST,
    /** Round-robin, to even out load. */
    REBALANCE,
    /** Everything to a consumer of parallelism 1. */
    GATHER
}
