package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.RetractableAccumulators.Accumulator;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.GroupAggregateSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.StateSnapshot;
import io.weir.executor.state.ValueState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Streaming GROUP BY (see {@link GroupAggregateSpec}): for each input row, in order, updates its
 * group's accumulators and emits the change of the group's result row, so that applying the
 * output changelog in order always gives the aggregate of the input so far. Rows of one input batch
 * leave in one or more output batches before the next input batch is read.
 *
 * <p>State: one entry per live group (its row count and accumulators) under the group's encoded key
 * and key group, in the job's state backend (heap or RocksDB), until the group is emptied by
 * retractions, or until it expires under a state TTL ({@link StateTtl}). Single-threaded, as every operator; the backend is closed with the operator.
 */
public final class GroupAggregateOperator implements Operator, CheckpointedOperator {
    private final int[] keys;
    private final int rowKindColumn;
    private final int[] arguments;
    private final RetractableAccumulators.Factory[] factories;
    private final List<Integer> keyList;
    private final KeyedStateBackend backend;
    private final StateTtl ttl;
    private final ValueState<Group> groups;
    private CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
    private final RowType outputType;
    private final RowType keyTypes;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private VectorSchemaRoot pending;
    private int pendingRows;

    /** A group's state: how many rows it holds now, and one accumulator per call. */
    private static final class Group implements java.io.Serializable {
        private final Accumulator[] accumulators;
        private long rows;

        Group(Accumulator[] accumulators) {
            this.accumulators = accumulators;
        }

        Object[] result() {
            Object[] values = new Object[accumulators.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = accumulators[i].result();
            }
            return values;
        }
    }

    /** A group as its row count, then each accumulator's state with its length, all as {@link KeyCodec} values. */
    private final class GroupCodec implements StateCodec<Group> {
        @Override
        public byte[] encode(Group group) {
            List<Object> values = new java.util.ArrayList<>();
            values.add(group.rows);
            BackendCheckpoints.addStates(values, group.accumulators);
            return KeyCodec.INSTANCE.encode(values);
        }

        @Override
        public Group decode(byte[] bytes) {
            List<Object> values = KeyCodec.INSTANCE.decode(bytes);
            Accumulator[] accumulators = new Accumulator[factories.length];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = factories[i].create();
            }
            BackendCheckpoints.restoreStates(values, 1, accumulators);
            Group group = new Group(accumulators);
            group.rows = (Long) values.get(0);
            return group;
        }
    }

    private GroupAggregateOperator(GroupAggregateSpec spec, RowType inputType, TaskContext context, Output output) {
        this.keys = spec.groupKeys().stream().mapToInt(Integer::intValue).toArray();
        this.keyList = spec.groupKeys();
        this.rowKindColumn = RowKind.isChangelog(inputType) ? inputType.size() - 1 : -1;
        List<AggregateCall> calls = spec.calls();
        this.arguments = new int[calls.size()];
        this.factories = new RetractableAccumulators.Factory[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            arguments[i] = call.arguments().isEmpty() ? -1 : call.arguments().get(0);
            factories[i] = RetractableAccumulators.factory(call, inputType);
        }
        this.outputType = context.outputType();
        this.keyTypes = KeyGroupCut.keyTypes(inputType, spec.groupKeys());
        this.allocator = context.allocator();
        this.batchSize = context.batchSize();
        this.output = output;
        this.backend = context.newStateBackend();
        this.ttl = new StateTtl(backend, spec.stateTtlMillis(), context.clock());
        this.groups = ttl.valueState("groups", new GroupCodec());
    }

    /** The backend's snapshot: every group by key group (RocksDB: a handle to the instance's files). */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        StateSnapshot snapshot = backend.snapshot(checkpointId);
        stored = snapshot.uploaded();
        return snapshot.entries();
    }

    @Override
    public CompletableFuture<Void> snapshotStored(long checkpointId) {
        return stored;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        backend.restore(keyedState);
        // a checkpoint taken before state went into a backend: all groups of the subtask in one entry
        for (byte[] state : operatorState) {
            Map<List<Object>, Group> old = (Map<List<Object>, Group>) OperatorState.deserialize(state);
            Map<List<Object>, Integer> keyGroups = KeyGroupCut.keyGroups(old.keySet(), keyTypes, allocator);
            old.forEach((key, group) -> {
                backend.setCurrentKey(keyGroups.get(key), KeyCodec.INSTANCE.encode(key));
                groups.update(group);
            });
        }
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int rows = batch.getRowCount();
            int[] keyGroups = KeyGroups.keyGroups(batch, keyList);
            for (int row = 0; row < rows; row++) {
                RowKind kind = rowKindColumn < 0 ? RowKind.INSERT
                        : RowKind.fromByteValue(((Number) BatchValues.get(batch.getVector(rowKindColumn), row)).byteValue());
                List<Object> key = key(batch, row);
                backend.setCurrentKey(keyGroups[row], KeyCodec.INSTANCE.encode(key));
                if (kind.isAccumulate()) {
                    accumulate(batch, row, key);
                } else {
                    retract(batch, row, key);
                }
            }
        } finally {
            batch.close();
        }
        flush();
    }

    private void accumulate(VectorSchemaRoot batch, int row, List<Object> key) {
        Group group = groups.value();
        Object[] before = null;
        if (group == null) {
            Accumulator[] accumulators = new Accumulator[factories.length];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = factories[i].create();
            }
            group = new Group(accumulators);
        } else {
            before = group.result();
        }
        for (int i = 0; i < arguments.length; i++) {
            group.accumulators[i].add(argument(batch, row, i));
        }
        group.rows++;
        groups.update(group);
        Object[] after = group.result();
        if (before == null) {
            append(key, after, RowKind.INSERT);
        } else if (!Arrays.deepEquals(before, after)) {
            append(key, before, RowKind.UPDATE_BEFORE);
            append(key, after, RowKind.UPDATE_AFTER);
        }
    }

    /** Takes a row back; a retraction for a group that does not exist (state lost or never seen) is ignored, as Flink does. */
    private void retract(VectorSchemaRoot batch, int row, List<Object> key) {
        Group group = groups.value();
        if (group == null) {
            return;
        }
        Object[] before = group.result();
        for (int i = 0; i < arguments.length; i++) {
            group.accumulators[i].retract(argument(batch, row, i));
        }
        group.rows--;
        if (group.rows <= 0) {
            groups.clear();
            append(key, before, RowKind.DELETE);
            return;
        }
        groups.update(group);
        Object[] after = group.result();
        if (!Arrays.deepEquals(before, after)) {
            append(key, before, RowKind.UPDATE_BEFORE);
            append(key, after, RowKind.UPDATE_AFTER);
        }
    }

    private Object argument(VectorSchemaRoot batch, int row, int call) {
        int column = arguments[call];
        return column < 0 ? RetractableAccumulators.ROW : BatchValues.get(batch.getVector(column), row);
    }

    private List<Object> key(VectorSchemaRoot batch, int row) {
        if (keys.length == 0) {
            return List.of();
        }
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = RetractableAccumulators.hashable(BatchValues.get(batch.getVector(keys[i]), row));
        }
        return Arrays.asList(values);
    }

    private void append(List<Object> key, Object[] result, RowKind kind) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        int column = 0;
        for (Object value : key) {
            BatchValues.set(vector(column++), pendingRows, value instanceof ByteBuffer b ? b.array() : value);
        }
        for (Object value : result) {
            BatchValues.set(vector(column++), pendingRows, value);
        }
        BatchValues.set(vector(column), pendingRows, kind.toByteValue());
        pendingRows++;
        if (pendingRows >= batchSize) {
            flush();
        }
    }

    private FieldVector vector(int column) {
        return pending.getVector(column);
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot full = pending;
        pending = null;
        full.setRowCount(pendingRows);
        output.emit(full);
    }

    /** Removes the state that outlived the TTL ({@link StateTtl}); emits nothing. */
    @Override
    public void onProcessingTime(long now) {
        ttl.onProcessingTime(now);
    }

    @Override
    public void finish() {
        flush();
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

    /** Checks the spec against its input and output once per job; each subtask keeps its own groups. */
    public static final class GroupAggregateOperatorFactory implements OperatorFactory {
        private final GroupAggregateSpec spec;
        private final RowType inputType;

        public GroupAggregateOperatorFactory(GroupAggregateSpec spec, RowType inputType, RowType outputType) {
            this.spec = spec;
            this.inputType = inputType;
            int width = spec.groupKeys().size() + spec.calls().size() + 1;
            if (width != outputType.size() || !RowKind.isChangelog(outputType)) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: " + spec.describe() + " produces "
                        + width + " columns ending with " + RowKind.COLUMN_NAME + " but its vertex declares " + outputType);
            }
            for (int i = 0; i < spec.groupKeys().size(); i++) {
                TypeKind in = inputType.type(spec.groupKeys().get(i)).kind();
                TypeKind out = outputType.type(i).kind();
                if (in != out && !(in.isCharacter() && out.isCharacter())) {
                    throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: group key " + i + " is " + in
                            + " in the input but " + out + " in the output of " + spec.describe());
                }
            }
            for (AggregateCall call : spec.calls()) {
                RetractableAccumulators.factory(call, inputType);
            }
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new GroupAggregateOperator(spec, inputType, context, output);
        }
    }
}
