package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.AggregateOperator.AggregateOperatorFactory;
import io.weir.executor.plan.AggregateMode;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link WindowAggregateSpec}: one hash aggregation ({@link AggregateOperator} in SINGLE
 * mode, so the accumulators are the batch aggregate's) per open window, ordered by window end. A
 * watermark fires, in order of their ends, the windows with {@code window_end - 1 <= watermark}:
 * their groups go to the output and their state is released. Rows of windows that have fired are
 * dropped and counted in the vertex's {@code lateRowsDropped}. Processing-time windows fire by the
 * wall clock instead, at every batch and watermark, and drop nothing (see {@link WindowAggregateSpec}).
 *
 * <p>Single-threaded, as every operator.
 */
public final class WindowAggregateOperator implements Operator {
    private final AggregateOperatorFactory windowFactory;
    private final int windowEndColumn;
    private final TaskContext context;
    private final RowType inputType;
    private final BufferAllocator allocator;
    private final LongAdder lateRows;
    private final Output output;
    private final Output windowOutput;
    private final TreeMap<Long, Operator> windows = new TreeMap<>();
    /** The wall clock in epoch milliseconds for processing-time windows; null for event time. */
    private final LongSupplier clock;
    private long watermark = Long.MIN_VALUE;

    private WindowAggregateOperator(WindowAggregateFactory factory, TaskContext context, Output output) {
        this.windowFactory = factory.windowFactory;
        this.windowEndColumn = factory.spec.windowEndColumn();
        this.clock = factory.spec.processingTime() ? factory.clock : null;
        this.inputType = factory.inputType;
        this.context = context;
        this.allocator = context.allocator();
        this.lateRows = context.lateRowsDropped();
        this.output = output;
        this.windowOutput = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                output.emit(batch);
            }

            @Override
            public void finish() {
                // a window's end is not the end of the output
            }
        };
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int rows = batch.getRowCount();
            TimeStampVector ends = (TimeStampVector) batch.getVector(windowEndColumn);
            TreeMap<Long, Integer> counts = new TreeMap<>();
            for (int r = 0; r < rows; r++) {
                if (ends.isNull(r)) {
                    continue;
                }
                long end = ends.get(r);
                if (clock == null && end - 1 <= watermark) {
                    lateRows.increment();
                } else {
                    counts.merge(end, 1, Integer::sum);
                }
            }
            for (Map.Entry<Long, Integer> window : counts.entrySet()) {
                Operator aggregate = windows.computeIfAbsent(window.getKey(),
                        end -> windowFactory.create(context, windowOutput));
                aggregate.process(0, select(batch, ends, window.getKey(), window.getValue()));
            }
        } finally {
            batch.close();
        }
        if (clock != null) {
            fireUpTo(clock.getAsLong() - 1);
        }
    }

    /** The rows of {@code batch} whose window ends at {@code end}, as a batch of their own. */
    private VectorSchemaRoot select(VectorSchemaRoot batch, TimeStampVector ends, long end, int count) {
        if (count == batch.getRowCount()) {
            return Batches.copy(batch, allocator);
        }
        VectorSchemaRoot part = Batches.allocate(inputType, allocator, count);
        try {
            int rows = batch.getRowCount();
            for (int column = 0; column < inputType.size(); column++) {
                FieldVector from = batch.getVector(column);
                FieldVector to = part.getVector(column);
                int out = 0;
                for (int r = 0; r < rows; r++) {
                    if (!ends.isNull(r) && ends.get(r) == end) {
                        to.copyFromSafe(r, out++, from);
                    }
                }
            }
            part.setRowCount(count);
            return part;
        } catch (RuntimeException e) {
            part.close();
            throw e;
        }
    }

    /** Processing-time windows also fire on the subtask's clock ticks, so an input that goes quiet does not hold them. */
    @Override
    public void onProcessingTime(long now) {
        if (clock != null) {
            fireUpTo(clock.getAsLong() - 1);
        }
    }

    @Override
    public boolean processWatermark(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        fireUpTo(clock == null ? watermark : clock.getAsLong() - 1);
        return true;
    }

    /** Fires, in order of their ends, the windows with {@code window_end - 1 <= time}. */
    private void fireUpTo(long time) {
        Iterator<Map.Entry<Long, Operator>> open = windows.entrySet().iterator();
        while (open.hasNext()) {
            Map.Entry<Long, Operator> window = open.next();
            if (window.getKey() - 1 > time) {
                break;
            }
            open.remove();
            try (Operator aggregate = window.getValue()) {
                aggregate.finish();
            }
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
        for (Operator aggregate : windows.values()) {
            aggregate.close();
        }
        windows.clear();
    }

    /** Checks the spec once per job; each subtask keeps its own windows. */
    public static final class WindowAggregateFactory implements OperatorFactory {
        private final WindowAggregateSpec spec;
        private final RowType inputType;
        private final AggregateOperatorFactory windowFactory;
        private final LongSupplier clock;

        public WindowAggregateFactory(WindowAggregateSpec spec, RowType inputType, RowType outputType) {
            this(spec, inputType, outputType, System::currentTimeMillis);
        }

        /** @param clock the wall clock of processing-time windows, epoch milliseconds (a manual one in tests) */
        public WindowAggregateFactory(WindowAggregateSpec spec, RowType inputType, RowType outputType,
                LongSupplier clock) {
            this.spec = spec;
            this.clock = clock;
            this.inputType = inputType;
            TypeKind end = inputType.type(spec.windowEndColumn()).kind();
            if (end != TypeKind.TIMESTAMP && end != TypeKind.TIMESTAMP_LTZ) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: window_end of " + spec.describe()
                        + " is " + end + ", not a timestamp");
            }
            this.windowFactory = new AggregateOperatorFactory(new AggregateSpec(spec.groupKeys(), spec.calls(),
                    AggregateMode.SINGLE), inputType, outputType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new WindowAggregateOperator(this, context, output);
        }
    }
}
