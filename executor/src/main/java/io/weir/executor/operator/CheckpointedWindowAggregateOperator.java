package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.RetractableAccumulators.Accumulator;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.state.EventTimers;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.MapState;
import io.weir.executor.state.StateCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A {@link WindowAggregateSpec} whose state checkpoints store: per group and open window (by its
 * end), one accumulator per call, in the job's state backend (heap or RocksDB), with an event-time
 * timer per window end and group that fires it; the operator's watermark is operator state. It
 * fires, drops late rows and frees windows exactly as {@link WindowAggregateOperator}, which keeps
 * columnar state and is faster; jobs that checkpoint run this one instead. Rows are read value by
 * value. The backend is closed with the operator. Processing-time windows fire by the wall clock at
 * every batch and watermark, as there; the timers then hold window ends in wall-clock time.
 */
public final class CheckpointedWindowAggregateOperator implements Operator, CheckpointedOperator {

    private final WindowAggregateSpec spec;
    private final RetractableAccumulators.Factory[] factories;
    private final RowType outputType;
    private final RowType keyTypes;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private final KeyedStateBackend backend;
    private final MapState<Long, Accumulator[]> windows;
    private final EventTimers windowEnds;
    /** The wall clock in epoch milliseconds for processing-time windows; null for event time. */
    private final LongSupplier clock;
    private long watermark = Long.MIN_VALUE;
    private final BackendCheckpoints checkpoints;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private CheckpointedWindowAggregateOperator(WindowAggregateSpec spec, RowType inputType, TaskContext context,
            Output output, LongSupplier clock) {
        this.spec = spec;
        this.clock = spec.processingTime() ? clock : null;
        this.factories = new RetractableAccumulators.Factory[spec.calls().size()];
        for (int i = 0; i < factories.length; i++) {
            factories[i] = RetractableAccumulators.factory(spec.calls().get(i), inputType);
        }
        this.outputType = context.outputType();
        this.keyTypes = KeyGroupCut.keyTypes(inputType, spec.groupKeys());
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.lateRows = context.lateRowsDropped();
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.windows = backend.mapState("windows", StateCodec.LONG, StateCodec.java());
        this.windowEnds = backend.timers("window-ends");
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int[] keyGroups = KeyGroups.keyGroups(batch, spec.groupKeys());
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object end = BatchValues.get(batch.getVector(spec.windowEndColumn()), row);
                if (end == null) {
                    continue;
                }
                long windowEnd = (Long) end;
                if (clock == null && windowEnd - 1 <= watermark) {
                    lateRows.increment();
                    continue;
                }
                Object[] key = new Object[spec.groupKeys().size()];
                for (int k = 0; k < key.length; k++) {
                    key[k] = RetractableAccumulators.hashable(BatchValues.get(batch.getVector(spec.groupKeys().get(k)), row));
                }
                backend.setCurrentKey(keyGroups[row], KeyCodec.INSTANCE.encode(Arrays.asList(key)));
                Accumulator[] accumulators = windows.get(windowEnd);
                if (accumulators == null) {
                    accumulators = newAccumulators();
                    windowEnds.register(windowEnd);
                }
                for (int c = 0; c < accumulators.length; c++) {
                    AggregateCall call = spec.calls().get(c);
                    accumulators[c].add(call.arguments().isEmpty() ? RetractableAccumulators.ROW
                            : RetractableAccumulators.hashable(BatchValues.get(batch.getVector(call.arguments().get(0)), row)));
                }
                windows.put(windowEnd, accumulators);
            }
        } finally {
            batch.close();
        }
        if (clock != null) {
            fireUpTo(clock.getAsLong());
        }
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] accumulators = new Accumulator[factories.length];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = factories[i].create();
        }
        return accumulators;
    }

    /** Processing-time windows also fire on the subtask's clock ticks, so an input that goes quiet does not hold them. */
    @Override
    public void onProcessingTime(long now) {
        if (clock != null) {
            fireUpTo(clock.getAsLong());
        }
    }

    /** Fires every window with {@code end - 1 <= watermark}: its timer runs, the group's row goes out, its state goes. */
    @Override
    public boolean processWatermark(long newWatermark) {
        watermark = Math.max(watermark, newWatermark);
        if (clock != null && watermark != Long.MAX_VALUE) {
            fireUpTo(clock.getAsLong());
        } else {
            fireUpTo(watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark + 1);
        }
        return true;
    }

    /** Fires every window whose end is at or before {@code end}, earliest first. */
    private void fireUpTo(long end) {
        windowEnds.fireUpTo(end, (keyGroup, key, windowEnd) -> {
            Accumulator[] accumulators = windows.get(windowEnd);
            if (accumulators != null) {
                append(KeyCodec.INSTANCE.decode(key), accumulators);
                windows.remove(windowEnd);
            }
        });
        flush();
    }

    private void append(List<Object> key, Accumulator[] accumulators) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        int column = 0;
        for (Object value : key) {
            BatchValues.set(pending.getVector(column++), pendingRows,
                    value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value);
        }
        for (Accumulator accumulator : accumulators) {
            BatchValues.set(pending.getVector(column++), pendingRows, accumulator.result());
        }
        pendingRows++;
        if (pendingRows >= batchSize) {
            flush();
        }
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        batch.setRowCount(pendingRows);
        output.emit(batch);
    }

    /** The backend's snapshot of the open windows' groups and timers; the watermark as operator state. */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return checkpoints.snapshot(checkpointId, watermark);
    }

    @Override
    public CompletableFuture<Void> snapshotStored(long checkpointId) {
        return checkpoints.stored();
    }

    /** Every former subtask's watermark comes back (they are equal at a barrier): the operator keeps the highest. */
    @Override
    public boolean sharesOperatorState() {
        return true;
    }

    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        watermark = checkpoints.restore(keyedState, operatorState, watermark);
    }

    @Override
    public void finish() {
        processWatermark(Long.MAX_VALUE);
        output.finish();
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        backend.close();
    }

    /** Creates checkpointed window aggregates. */
    public static final class CheckpointedWindowAggregateFactory implements OperatorFactory {
        private final WindowAggregateSpec spec;
        private final RowType inputType;

        private final LongSupplier clock;

        public CheckpointedWindowAggregateFactory(WindowAggregateSpec spec, RowType inputType) {
            this(spec, inputType, System::currentTimeMillis);
        }

        /** @param clock the wall clock of processing-time windows, epoch milliseconds (a manual one in tests) */
        public CheckpointedWindowAggregateFactory(WindowAggregateSpec spec, RowType inputType, LongSupplier clock) {
            this.spec = spec;
            this.inputType = inputType;
            this.clock = clock;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new CheckpointedWindowAggregateOperator(spec, inputType, context, output, clock);
        }
    }
}
