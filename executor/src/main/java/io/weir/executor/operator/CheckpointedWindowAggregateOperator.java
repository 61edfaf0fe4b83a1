package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.RetractableAccumulators.Accumulator;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.WindowAggregateSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A {@link WindowAggregateSpec} whose state checkpoints store: per open window (by its end), per
 * group, one accumulator per call on the heap, with the operator's watermark. It fires, drops late
 * rows and frees windows exactly as {@link WindowAggregateOperator}, which keeps columnar state and is
 * faster; jobs that checkpoint run this one instead. Rows are read value by value.
 */
public final class CheckpointedWindowAggregateOperator implements Operator, CheckpointedOperator {
    private final WindowAggregateSpec spec;
    private final RowType inputType;
    private final RetractableAccumulators.Factory[] factories;
    private final RowType outputType;
    private final RowType keyTypes;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private State state = new State();
    private VectorSchemaRoot pending;
    private int pendingRows;

    /** What a checkpoint stores: the open windows' groups and the watermark. */
    private static final class State implements Serializable {
        final TreeMap<Long, Map<List<Object>, Accumulator[]>> windows = new TreeMap<>();
        long watermark = Long.MIN_VALUE;
    }

    private CheckpointedWindowAggregateOperator(WindowAggregateSpec spec, RowType inputType, TaskContext context,
            Output output) {
        this.spec = spec;
        this.inputType = inputType;
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
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object end = BatchValues.get(batch.getVector(spec.windowEndColumn()), row);
                if (end == null) {
                    continue;
                }
                long windowEnd = (Long) end;
                if (windowEnd - 1 <= state.watermark) {
                    lateRows.increment();
                    continue;
                }
                Object[] key = new Object[spec.groupKeys().size()];
                for (int k = 0; k < key.length; k++) {
                    key[k] = RetractableAccumulators.hashable(BatchValues.get(batch.getVector(spec.groupKeys().get(k)), row));
                }
                Accumulator[] accumulators = state.windows.computeIfAbsent(windowEnd, e -> new HashMap<>())
                        .computeIfAbsent(Arrays.asList(key), k -> newAccumulators());
                for (int c = 0; c < accumulators.length; c++) {
                    AggregateCall call = spec.calls().get(c);
                    accumulators[c].add(call.arguments().isEmpty() ? RetractableAccumulators.ROW
                            : RetractableAccumulators.hashable(BatchValues.get(batch.getVector(call.arguments().get(0)), row)));
                }
            }
        } finally {
            batch.close();
        }
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] accumulators = new Accumulator[factories.length];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = factories[i].create();
        }
        return accumulators;
    }

    @Override
    public boolean processWatermark(long watermark) {
        state.watermark = Math.max(state.watermark, watermark);
        Iterator<Map.Entry<Long, Map<List<Object>, Accumulator[]>>> open = state.windows.entrySet().iterator();
        while (open.hasNext()) {
            Map.Entry<Long, Map<List<Object>, Accumulator[]>> window = open.next();
            if (window.getKey() - 1 > state.watermark) {
                break;
            }
            window.getValue().forEach(this::append);
            open.remove();
        }
        flush();
        return true;
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

    /** The open windows' groups, one entry per key group of the group keys; the watermark as operator state. */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        java.util.Set<List<Object>> keys = new java.util.HashSet<>();
        state.windows.values().forEach(groups -> keys.addAll(groups.keySet()));
        Map<List<Object>, Integer> keyGroups = KeyGroupCut.keyGroups(keys, keyTypes, allocator);
        Map<Integer, TreeMap<Long, HashMap<List<Object>, Accumulator[]>>> cut = new HashMap<>();
        state.windows.forEach((end, groups) -> groups.forEach((key, accumulators) -> cut
                .computeIfAbsent(keyGroups.get(key), g -> new TreeMap<>())
                .computeIfAbsent(end, e -> new HashMap<>()).put(key, accumulators)));
        return KeyGroupCut.withWatermark(cut, state.watermark);
    }

    /** Every former subtask's watermark comes back (they are equal at a barrier): the operator keeps the highest. */
    @Override
    public boolean sharesOperatorState() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        for (byte[] bytes : keyedState.values()) {
            ((Map<Long, Map<List<Object>, Accumulator[]>>) OperatorState.deserialize(bytes)).forEach((end, groups) ->
                    state.windows.computeIfAbsent(end, e -> new HashMap<>()).putAll(groups));
        }
        for (byte[] bytes : operatorState) {
            Object stored = OperatorState.deserialize(bytes);
            if (stored instanceof State old) {
                // a checkpoint taken before state was cut by key group
                old.windows.forEach((end, groups) -> state.windows.computeIfAbsent(end, e -> new HashMap<>()).putAll(groups));
                stored = old.watermark;
            }
            state.watermark = Math.max(state.watermark, (Long) stored);
        }
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
        state.windows.clear();
    }

    /** Creates checkpointed window aggregates. */
    public static final class CheckpointedWindowAggregateFactory implements OperatorFactory {
        private final WindowAggregateSpec spec;
        private final RowType inputType;

        public CheckpointedWindowAggregateFactory(WindowAggregateSpec spec, RowType inputType) {
            this.spec = spec;
            this.inputType = inputType;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new CheckpointedWindowAggregateOperator(spec, inputType, context, output);
        }
    }
}
