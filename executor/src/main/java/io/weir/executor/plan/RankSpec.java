package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.SortSpec.SortKey;
import java.util.List;

/**
 * {@code ROW_NUMBER()}, {@code RANK()} or {@code DENSE_RANK()} {@code OVER (PARTITION BY … ORDER BY …)}
 * over bounded input, as Flink's Rank operator: the input is HASH-exchanged on the partition keys, each
 * partition is sorted by the order keys when the input ends, and rows whose rank is in
 * [{@code rankStart}, {@code rankEnd}] are emitted (Top-N; {@code rankEnd} -1: no upper bound).
 *
 * <p>Output columns: the input columns, then the rank as a BIGINT when {@code outputRank}.
 */
public record RankSpec(List<Integer> partitionKeys, List<SortKey> orderKeys, RankFunction function, long rankStart,
        long rankEnd, boolean outputRank) implements OperatorSpec {
    public RankSpec {
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        orderKeys = List.copyOf(requireNonNull(orderKeys, "orderKeys is null"));
        requireNonNull(function, "function is null");
    }

    /** How rows are numbered within a partition. */
    public enum RankFunction {
        /** 1, 2, 3, … (ties broken arbitrarily). */
        ROW_NUMBER,
        /** Ties share a rank; the next rank skips: 1, 1, 3. */
        RANK,
        /** Ties share a rank; no gaps: 1, 1, 2. */
        DENSE_RANK
    }

    @Override
    public String describe() {
        return "Rank(function=" + function + ", partitionBy=" + partitionKeys + ", orderBy=" + orderKeys + ", range=["
                + rankStart + ", " + (rankEnd < 0 ? "" : rankEnd) + "], outputRank=" + outputRank + ")";
    }
}
