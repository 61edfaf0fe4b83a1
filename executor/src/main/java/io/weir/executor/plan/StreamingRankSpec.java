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
 * <p>Output columns: as {@link RankSpec}, then {@code $row_kind}.
 */
public record StreamingRankSpec(RankSpec rank, boolean changelogInput) implements OperatorSpec {
    public StreamingRankSpec {
        requireNonNull(rank, "rank is null");
    }

    @Override
    public String describe() {
        return "Streaming" + rank.describe();
    }
}
