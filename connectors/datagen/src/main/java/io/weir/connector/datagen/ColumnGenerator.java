package io.weir.connector.datagen;

import java.util.SplittableRandom;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Fills a run of rows of one column directly into its typed Arrow vector (hot path: no boxing, no
 * per-row dispatch on the type). Subclasses write values; this class adds NULLs at the configured
 * rate. One instance per reader; not thread-safe.
 */
abstract class ColumnGenerator {
    protected final SplittableRandom random;
    private final double nullRate;

    ColumnGenerator(SplittableRandom random, double nullRate) {
        this.random = random;
        this.nullRate = nullRate;
    }

    /**
     * Writes rows {@code [offset, offset + count)} of {@code vector}; {@code firstRow} is the table-wide
     * index of the first of them (sequences derive their value from it) and {@code nowMillis} the
     * current time in the column's time zone.
     */
    final void fill(FieldVector vector, int offset, int count, long firstRow, long nowMillis) {
        ensureCapacity(vector, offset + count);
        if (nullRate == 0) {
            fillValues(vector, offset, count, firstRow, nowMillis);
            return;
        }
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < nullRate) {
                vector.setNull(offset + i);
            } else {
                fillValues(vector, offset + i, 1, firstRow + i, nowMillis);
            }
        }
    }

    /** Writes non-null values; fixed-width vectors have room for {@code offset + count} values. */
    abstract void fillValues(FieldVector vector, int offset, int count, long firstRow, long nowMillis);

    private static void ensureCapacity(FieldVector vector, int needed) {
        if (vector instanceof BaseFixedWidthVector) {
            while (vector.getValueCapacity() < needed) {
                vector.reAlloc();
            }
        }
    }
}
