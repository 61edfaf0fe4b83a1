package io.weir.executor.operator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What the window aggregates share: the rows of a batch by the window (or slice) end they carry, as
 * masks the aggregations read the batch through in place, and an output for one window's results.
 */
final class WindowRows {
    private WindowRows() {
    }

    /**
     * The rows of {@code batch} by the end in column {@code endColumn}, in order of the ends, as masks
     * over the batch; null when one end holds every row (no mask needed). Rows without an end are
     * skipped, and rows whose end {@code late} accepts are skipped and counted in {@code lateRows}.
     */
    static TreeMap<Long, boolean[]> byEnd(VectorSchemaRoot batch, int endColumn, LongPredicate late,
            LongAdder lateRows) {
        int rows = batch.getRowCount();
        TimeStampVector ends = (TimeStampVector) batch.getVector(endColumn);
        TreeMap<Long, boolean[]> masks = new TreeMap<>();
        long lastEnd = Long.MIN_VALUE;
        boolean[] lastRows = null;
        int taken = 0;
        for (int r = 0; r < rows; r++) {
            if (ends.isNull(r)) {
                continue;
            }
            long end = ends.get(r);
            if (late.test(end)) {
                lateRows.increment();
                continue;
            }
            if (lastRows == null || end != lastEnd) {
                lastEnd = end;
                lastRows = masks.computeIfAbsent(end, e -> new boolean[rows]);
            }
            lastRows[r] = true;
            taken++;
        }
        if (masks.size() == 1 && taken == rows) {
            masks.put(masks.firstKey(), null);
        }
        return masks;
    }

    /** Closes the open windows' (or slices') aggregations and forgets them. */
    static void closeAll(Map<Long, AggregateOperator> open) {
        for (AggregateOperator aggregate : open.values()) {
            aggregate.close();
        }
        open.clear();
    }

    /** {@code output} for one window's rows: their end is not the end of the output. */
    static Output ofOneWindow(Output output) {
        return new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                output.emit(batch);
            }

            @Override
            public void finish() {
                // the operator finishes its output itself, after the last window
            }
        };
    }
}
