package io.weir.executor.operator;

import io.weir.executor.operator.AggregateOperator.AggregateOperatorFactory;
import io.weir.executor.plan.AggregateMode;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.executor.plan.WindowSlicing;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link WindowAggregateSpec} with {@link WindowSlicing}: HOP and CUMULATE windows made of
 * slices. Each input row carries its slice (a TUMBLE of the step); a PARTIAL hash aggregation per open
 * slice accumulates it once, where {@link WindowAggregateOperator} would accumulate a HOP row once per
 * window (five times for q5's 2 s slide over 10 s). When the watermark reaches a window's end − 1,
 * the partial groups of its slices, their window columns set to the window's, go through a FINAL
 * aggregation into the output; a slice is released once the last window that covers it has fired.
 *
 * <p>A row whose slice has windows that already fired still counts in the others, as with rows that
 * carry their windows; a row is dropped as late (and counted in {@code lateRowsDropped}) when every
 * window of its slice has fired. Event time only: processing-time windows are not sliced.
 *
 * <p>Single-threaded, as every operator.
 */
public final class SlicingWindowAggregateOperator implements Operator {
    private final SlicingWindowAggregateFactory factory;
    private final WindowSlicing slicing;
    private final TaskContext context;
    private final TaskContext sliceContext;
    private final LongAdder lateRows;
    private final Output output;
    private final Output windowOutput;
    /** The open slices by their end, each a PARTIAL aggregation of its rows. */
    private final TreeMap<Long, AggregateOperator> slices = new TreeMap<>();
    /** The ends of the windows that have rows and have not fired. */
    private final TreeSet<Long> pendingWindowEnds = new TreeSet<>();
    private long watermark = Long.MIN_VALUE;

    private SlicingWindowAggregateOperator(SlicingWindowAggregateFactory factory, TaskContext context, Output output) {
        this.factory = factory;
        this.slicing = factory.spec.slicing();
        this.context = context;
        // the slices' aggregations emit accumulators, not the vertex's results
        this.sliceContext = context.withOutputType(factory.partialType);
        this.lateRows = context.lateRowsDropped();
        this.output = output;
        this.windowOutput = WindowRows.ofOneWindow(output);
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            // the rows of each slice, as a mask over the batch: the slice's aggregate reads them in place
            LongPredicate late = end -> slicing.lastWindowEnd(end) - 1 <= watermark;
            for (Map.Entry<Long, boolean[]> slice : WindowRows.byEnd(batch, factory.spec.windowEndColumn(), late,
                    lateRows).entrySet()) {
                slice(slice.getKey()).accumulate(batch, slice.getValue());
            }
        } finally {
            batch.close();
        }
    }

    /** The slice ending at {@code end}, opened with the windows it adds that have not fired yet. */
    private AggregateOperator slice(long end) {
        AggregateOperator slice = slices.get(end);
        if (slice == null) {
            slice = factory.sliceFactory.create(sliceContext, null);
            slices.put(end, slice);
            for (long windowEnd = end; windowEnd <= slicing.lastWindowEnd(end); windowEnd += slicing.step()) {
                if (windowEnd - 1 > watermark) {
                    pendingWindowEnds.add(windowEnd);
                }
            }
        }
        return slice;
    }

    @Override
    public boolean processWatermark(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        fireUpTo(watermark);
        return true;
    }

    /** Fires, in order of their ends, the windows with {@code window_end - 1 <= time}, releasing the slices they finish. */
    private void fireUpTo(long time) {
        while (!pendingWindowEnds.isEmpty() && pendingWindowEnds.first() - 1 <= time) {
            long windowEnd = pendingWindowEnds.pollFirst();
            fire(windowEnd);
            Iterator<Map.Entry<Long, AggregateOperator>> open = slices.entrySet().iterator();
            while (open.hasNext()) {
                Map.Entry<Long, AggregateOperator> slice = open.next();
                if (slicing.lastWindowEnd(slice.getKey()) > windowEnd) {
                    break;
                }
                open.remove();
                slice.getValue().close();
            }
        }
    }

    private void fire(long windowEnd) {
        NavigableMap<Long, AggregateOperator> covered = slices.subMap(slicing.firstSliceEnd(windowEnd), true,
                windowEnd, true);
        try (AggregateOperator merge = factory.mergeFactory.create(context, windowOutput)) {
            long windowStart = slicing.windowStart(windowEnd);
            Output toMerge = new Output() {
                @Override
                public void emit(VectorSchemaRoot partial) {
                    setWindow(partial, windowStart, windowEnd);
                    merge.process(0, partial);
                }

                @Override
                public void finish() {
                    // the window's other slices follow
                }
            };
            for (AggregateOperator slice : covered.values()) {
                slice.emitGroups(toMerge);
            }
            merge.finish();
        }
    }

    /** Overwrites the slice's bounds in a batch of partial groups with the window's. */
    private void setWindow(VectorSchemaRoot partial, long windowStart, long windowEnd) {
        int rows = partial.getRowCount();
        setAll(partial, factory.windowStartKey, rows, windowStart);
        setAll(partial, factory.windowEndKey, rows, windowEnd);
        setAll(partial, factory.windowTimeKey, rows, windowEnd - 1);
    }

    private static void setAll(VectorSchemaRoot batch, int column, int rows, long value) {
        if (column < 0) {
            return;
        }
        TimeStampVector vector = (TimeStampVector) batch.getVector(column);
        for (int r = 0; r < rows; r++) {
            vector.set(r, value);
        }
    }

    @Override
    public void finish() {
        watermark = Long.MAX_VALUE;
        fireUpTo(Long.MAX_VALUE);
        output.finish();
    }

    @Override
    public void close() {
        WindowRows.closeAll(slices);
        pendingWindowEnds.clear();
    }

    /** Checks the spec once per job; each subtask keeps its own slices. */
    public static final class SlicingWindowAggregateFactory implements OperatorFactory {
        private final WindowAggregateSpec spec;
        private final RowType partialType;
        private final AggregateOperatorFactory sliceFactory;
        private final AggregateOperatorFactory mergeFactory;
        /** The positions among the group keys (-1: not a key) of window_start, window_end and window_time. */
        private final int windowStartKey;
        private final int windowEndKey;
        private final int windowTimeKey;

        public SlicingWindowAggregateFactory(WindowAggregateSpec spec, RowType inputType, RowType outputType) {
            if (spec.slicing() == null) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: " + spec.describe() + " is not sliced");
            }
            this.spec = spec;
            this.partialType = AggregateSpec.partialType(inputType, spec.groupKeys(), spec.calls());
            this.sliceFactory = new AggregateOperatorFactory(new AggregateSpec(spec.groupKeys(), spec.calls(),
                    AggregateMode.PARTIAL), inputType, partialType);
            this.mergeFactory = new AggregateOperatorFactory(new AggregateSpec(
                    IntStream.range(0, spec.groupKeys().size()).boxed().toList(), spec.calls(), AggregateMode.FINAL),
                    partialType, outputType);
            this.windowStartKey = spec.groupKeys().indexOf(spec.slicing().windowStartColumn());
            this.windowEndKey = spec.groupKeys().indexOf(spec.windowEndColumn());
            this.windowTimeKey = spec.slicing().windowTimeColumn() < 0 ? -1
                    : spec.groupKeys().indexOf(spec.slicing().windowTimeColumn());
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new SlicingWindowAggregateOperator(this, context, output);
        }
    }
}
