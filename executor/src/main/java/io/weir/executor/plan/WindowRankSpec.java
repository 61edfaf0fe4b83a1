package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

/**
 * Window Top-N and window deduplication in streaming mode, as Flink's WindowRank: a {@link RankSpec}
 * whose partition keys include the {@code window_start} and {@code window_end} of a window table
 * function or window aggregation. Each partition (one window and the other keys) keeps its best
 * rows by the order keys (at most {@code rankEnd} of them for ROW_NUMBER) until the input watermark
 * reaches {@code window_end - 1} ms; then the rows ranked in [{@code rankStart}, {@code rankEnd}] go
 * out, once, and the partition's state is deleted. A row whose window has already fired is late:
 * dropped and counted. At the end of input every remaining window fires. Emits inserts only; runs
 * HASH-partitioned on the partition keys.
 *
 * <p>Output columns: as {@link RankSpec}. Rows whose order keys tie are ordered by their values.
 *
 * @param windowEndColumn the input column holding {@code window_end} (a partition key)
 */
public record WindowRankSpec(RankSpec rank, int windowEndColumn) implements OperatorSpec {
    public WindowRankSpec {
        requireNonNull(rank, "rank is null");
        if (!rank.partitionKeys().contains(windowEndColumn)) {
            throw new IllegalArgumentException("window_end column " + windowEndColumn + " is not a partition key");
        }
    }

    @Override
    public String describe() {
        String described = rank.describe();
        return "Window" + described.substring(0, described.length() - 1) + ", windowEnd=$" + windowEndColumn + ")";
    }
}
