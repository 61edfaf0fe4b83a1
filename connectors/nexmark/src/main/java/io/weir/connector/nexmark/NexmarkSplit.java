package io.weir.connector.nexmark;

import io.weir.spi.connector.SourceSplit;

/**
 * One of {@code count} splits of a nexmark table: the blocks {@code index}, {@code index + count},
 * {@code index + 2·count}, … of {@code blockSize} consecutive global event numbers, below
 * {@code endEvent} ({@link Long#MAX_VALUE} when unbounded). The splits of a table together cover
 * every event number exactly once, whatever {@code count} is; interleaving blocks rather than
 * cutting one slice per split keeps the splits' event times (and so their watermarks) close.
 */
record NexmarkSplit(String splitId, int index, int count, long blockSize, long endEvent) implements SourceSplit {
}
