package io.weir.executor.operator;

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
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link WindowAggregateSpec}: one hash aggregation ({@link AggregateOperator} in SINGLE
 * mode, so the accumulators are the batch aggregate's) per open window, ordered by window end; each
 * reads the rows of its window in place, through a mask over the batch (a HOP row is in several). A
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
    private final LongAdder lateRows;
    private final Output output;
    private final Output windowOutput;
    private final TreeMap<Long, AggregateOperator> windows = new TreeMap<>();
    /** The wall clock in epoch milliseconds for processing-time windows; null for event time. */
    private final LongSupplier clock;
    private long watermark = Long.MIN_VALUE;

    private WindowAggregateOperator(WindowAggregateFactory factory, TaskContext context, Output output) {
        this.windowFactory = factory.windowFactory;
        this.windowEndColumn = factory.spec.windowEndColumn();
        this.clock = factory.spec.processingTime() ? factory.clock : null;
        this.context = context;
        this.lateRows = context.lateRowsDropped();
        this.output = output;
        this.windowOutput = WindowRows.ofOneWindow(output);
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            // the rows of each window, as a mask over the batch: the window's aggregate reads them in place
            LongPredicate late = end -> clock == null && end - 1 <= watermark;
            for (Map.Entry<Long, boolean[]> window : WindowRows.byEnd(batch, windowEndColumn, late, lateRows).entrySet()) {
                AggregateOperator aggregate = windows.computeIfAbsent(window.getKey(),
                        end -> windowFactory.create(context, windowOutput));
                aggregate.accumulate(batch, window.getValue());
            }
        } finally {
            batch.close();
        }
        if (clock != null) {
            fireUpTo(clock.getAsLong() - 1);
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
        Iterator<Map.Entry<Long, AggregateOperator>> open = windows.entrySet().iterator();
        while (open.hasNext()) {
            Map.Entry<Long, AggregateOperator> window = open.next();
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
        WindowRows.closeAll(windows);
    }

    /** Checks the spec once per job; each subtask keeps its own windows. */
    public static final class WindowAggregateFactory implements OperatorFactory {
        private final WindowAggregateSpec spec;
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
