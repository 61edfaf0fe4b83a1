package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

/**
 * Top-N and deduplication in streaming mode, as Flink's (retract) Rank: each partition keeps its rows
 * ordered by the order keys, and every input change that alters the partition's rows ranked in
 * [{@code rankStart}, {@code rankEnd}] is emitted as a changelog: rows leaving the range are
 * retracted, rows entering it inserted, and, when the rank is an output column, rows whose rank
 * moves are retracted with the old rank and inserted with the new one. With an insert-only input and
 * an upper bound, rows that fall below the range are dropped from state (they can never return).
 *
 * <p>Output columns: as {@link RankSpec}, then {@code $row_kind}. With a state TTL a partition whose
 * rows were not written for the TTL is forgotten whole (nothing is retracted), as in Flink.
 *
 * <p>{@code stateTtlMillis}: {@code 'table.exec.state.ttl'}; when positive, a key's state that was
 * not written for that long (processing time) is forgotten, as in Flink; 0 keeps state forever.
 */
public record StreamingRankSpec(RankSpec rank, boolean changelogInput, long stateTtlMillis) implements OperatorSpec {
    public StreamingRankSpec {
        requireNonNull(rank, "rank is null");
        StateTtls.check(stateTtlMillis);
    }

    /** Without a state TTL. */
    public StreamingRankSpec(RankSpec rank, boolean changelogInput) {
        this(rank, changelogInput, 0);
    }

    public StreamingRankSpec withStateTtl(long millis) {
        return new StreamingRankSpec(rank, changelogInput, millis);
    }

    @Override
    public String describe() {
        return "Streaming" + rank.describe() + (stateTtlMillis > 0 ? " [stateTtl=" + stateTtlMillis + " ms]" : "");
    }
}
