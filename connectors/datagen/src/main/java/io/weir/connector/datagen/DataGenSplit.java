package io.weir.connector.datagen;

import io.weir.spi.connector.SourceSplit;

/**
 * A contiguous slice {@code [firstRow, endRow)} of a datagen table's rows, paced at
 * {@code rowsPerSecond} (0 = as fast as possible). Sequence columns take their value from the
 * table-wide row index, so the slices of one table produce every sequence value exactly once.
 * {@code endRow} is {@link Long#MAX_VALUE} for an unbounded table.
 */
record DataGenSplit(String splitId, long firstRow, long endRow, double rowsPerSecond, long seed)
        implements SourceSplit {
}
