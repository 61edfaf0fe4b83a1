package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.operator.RetractableAccumulators.Accumulator;
import io.weir.executor.operator.RetractableAccumulators.Factory;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.OverAggregateSpec.Frame;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.executor.state.EventTimers;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.MapState;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.ValueState;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs an {@link OverAggregateSpec}. Each partition keeps the rows still waiting to be emitted and the
 * rows of its current frame with one retractable accumulator per call: a row entering the frame is
 * added, a row leaving it (ROWS: more than the offset behind; RANGE: its order value more than the
 * offset below the current one) is retracted, so a row costs O(1) amortized for COUNT/SUM/AVG and
 * O(log n) for MIN/MAX. Rows are held as value arrays (the Java value convention of
 * {@link BatchValues}); output is written in batches of the context's batch size.
 *
 * <p>State, in the job's state backend (heap or RocksDB) under the partition key and its key group:
 * the waiting rows by their time ({@code waiting}, a map state; without a time column all under
 * {@code Long.MAX_VALUE}), an event-time timer per partition and waiting time that emits them once the
 * watermark passes it (at the end of input for the rest), and the partition's frame with its
 * accumulators ({@code frames}). The rows of a batch go to the backend once per partition and time;
 * the watermark is operator state. The backend is closed with the operator.
 */
public final class OverAggregateOperator implements Operator, CheckpointedOperator {
    private final OverAggregateSpec spec;
    private final RowType inputType;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private final Factory[] factories;
    private final Comparator<Object[]> order;
    private final KeyedStateBackend backend;
    private final BackendCheckpoints checkpoints;
    private final MapState<Long, List<Object[]>> waiting;
    private final ValueState<Partition> frames;
    private final EventTimers waitingTimes;
    private long watermark = Long.MIN_VALUE;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private OverAggregateOperator(OverAggregateSpec spec, RowType inputType, TaskContext context, Output output) {
        this.spec = spec;
        this.inputType = inputType;
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.lateRows = context.lateRowsDropped();
        this.factories = new Factory[spec.calls().size()];
        for (int i = 0; i < factories.length; i++) {
            factories[i] = RetractableAccumulators.factory(spec.calls().get(i), inputType);
        }
        this.order = comparator(spec.orderKeys());
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.waiting = backend.mapState("waiting", StateCodec.LONG, BackendCheckpoints.rows(inputType.size()));
        this.frames = backend.valueState("frames", new PartitionCodec());
        this.waitingTimes = backend.timers("waiting-times");
    }

    /** One partition: the frame of the last emitted row, with its accumulators. */
    private static final class Partition {
        final ArrayDeque<Object[]> frame = new ArrayDeque<>();
        final Accumulator[] accumulators;

        Partition(Factory[] factories) {
            accumulators = new Accumulator[factories.length];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = factories[i].create();
            }
        }
    }

    /** A partition as its frame's size and rows, then each accumulator's state with its size, as {@link KeyCodec} values. */
    private final class PartitionCodec implements StateCodec<Partition> {
        @Override
        public byte[] encode(Partition partition) {
            List<Object> values = new ArrayList<>();
            values.add((long) partition.frame.size());
            for (Object[] row : partition.frame) {
                values.addAll(Arrays.asList(row));
            }
            BackendCheckpoints.addStates(values, partition.accumulators);
            return KeyCodec.INSTANCE.encode(values);
        }

        @Override
        public Partition decode(byte[] bytes) {
            List<Object> values = KeyCodec.INSTANCE.decode(bytes);
            Partition partition = new Partition(factories);
            int width = inputType.size();
            int rows = (int) (long) (Long) values.get(0);
            int at = 1;
            for (int r = 0; r < rows; r++, at += width) {
                partition.frame.addLast(values.subList(at, at + width).toArray());
            }
            BackendCheckpoints.restoreStates(values, at, partition.accumulators);
            return partition;
        }
    }

    /** A partition's rows of one time that a batch brings. */
    private record Arrivals(int keyGroup, byte[] key, long time, List<Object[]> rows) {
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        Map<List<Object>, Arrivals> arrivals = new LinkedHashMap<>();
        try {
            int columns = inputType.size();
            int[] keyGroups = KeyGroups.keyGroups(batch, spec.partitionKeys());
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object[] values = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    values[c] = BatchValues.get(batch.getVector(c), row);
                }
                if (spec.timeColumn() >= 0) {
                    Object time = values[spec.timeColumn()];
                    if (time == null || (Long) time <= watermark) {
                        lateRows.increment();
                        continue;
                    }
                }
                long time = spec.timeColumn() >= 0 ? (Long) values[spec.timeColumn()] : Long.MAX_VALUE;
                List<Object> key = key(values);
                int keyGroup = keyGroups[row];
                arrivals.computeIfAbsent(List.of(key, time), k -> new Arrivals(keyGroup, KeyCodec.INSTANCE.encode(key),
                        time, new ArrayList<>())).rows().add(values);
            }
        } finally {
            batch.close();
        }
        for (Arrivals arrived : arrivals.values()) {
            backend.setCurrentKey(arrived.keyGroup(), arrived.key());
            List<Object[]> rows = waiting.get(arrived.time());
            if (rows == null) {
                rows = new ArrayList<>();
                waitingTimes.register(arrived.time());
            }
            rows.addAll(arrived.rows());
            waiting.put(arrived.time(), rows);
        }
    }

    @Override
    public boolean processWatermark(long newWatermark) {
        if (spec.timeColumn() < 0 || newWatermark <= watermark) {
            return true;
        }
        watermark = newWatermark;
        waitingTimes.fireUpTo(newWatermark, (keyGroup, key, time) -> emit(time));
        flush();
        return true;
    }

    /** The backend's snapshot of every partition's waiting rows, frame and timers, and the watermark. */
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
        waitingTimes.fireUpTo(Long.MAX_VALUE, (keyGroup, key, time) -> emit(time));
        flush();
        output.finish();
    }

    /**
     * Emits the current partition's waiting rows of {@code time} (all its rows without a time column),
     * in order, through its frame.
     */
    private void emit(long time) {
        List<Object[]> ready = waiting.get(time);
        if (ready == null) {
            return;
        }
        waiting.remove(time);
        ready.sort(order);
        Partition partition = frames.value();
        if (partition == null) {
            partition = new Partition(factories);
        }
        int i = 0;
        while (i < ready.size()) {
            // RANGE frames treat rows with equal order values (peers) as one step; ROWS frames step by row
            int end = i + 1;
            if (spec.frame() == Frame.RANGE) {
                while (end < ready.size() && order.compare(ready.get(i), ready.get(end)) == 0) {
                    end++;
                }
            }
            for (int r = i; r < end; r++) {
                enter(partition, ready.get(r));
            }
            evict(partition, ready.get(end - 1));
            Object[] results = new Object[factories.length];
            for (int c = 0; c < results.length; c++) {
                results[c] = partition.accumulators[c].result();
            }
            for (int r = i; r < end; r++) {
                append(ready.get(r), results);
            }
            i = end;
        }
        frames.update(partition);
    }

    private void enter(Partition partition, Object[] row) {
        for (int c = 0; c < factories.length; c++) {
            partition.accumulators[c].add(argument(spec.calls().get(c), row));
        }
        if (spec.lowerOffset() >= 0) {
            partition.frame.addLast(row);
        }
    }

    /** Retracts the rows that the frame of {@code current} no longer covers. */
    private void evict(Partition partition, Object[] current) {
        if (spec.lowerOffset() < 0) {
            return;
        }
        while (!partition.frame.isEmpty() && outsideFrame(partition, partition.frame.peekFirst(), current)) {
            Object[] leaving = partition.frame.pollFirst();
            for (int c = 0; c < factories.length; c++) {
                partition.accumulators[c].retract(argument(spec.calls().get(c), leaving));
            }
        }
    }

    private boolean outsideFrame(Partition partition, Object[] oldest, Object[] current) {
        if (spec.frame() == Frame.ROWS) {
            return partition.frame.size() > spec.lowerOffset() + 1;
        }
        SortKey key = spec.orderKeys().get(0);
        Object from = oldest[key.field()];
        Object to = current[key.field()];
        if (from == null || to == null) {
            return from != to && from == null;
        }
        BigDecimal distance = new BigDecimal(to.toString()).subtract(new BigDecimal(from.toString()));
        if (key.descending()) {
            distance = distance.negate();
        }
        return distance.compareTo(BigDecimal.valueOf(spec.lowerOffset())) > 0;
    }

    private static Object argument(AggregateCall call, Object[] row) {
        if (call.arguments().isEmpty()) {
            return RetractableAccumulators.ROW;
        }
        return RetractableAccumulators.hashable(row[call.arguments().get(0)]);
    }

    private List<Object> key(Object[] row) {
        Object[] key = new Object[spec.partitionKeys().size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = RetractableAccumulators.hashable(row[spec.partitionKeys().get(i)]);
        }
        return Arrays.asList(key);
    }

    private void append(Object[] row, Object[] results) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        int column = 0;
        for (Object value : row) {
            BatchValues.set(pending.getVector(column++), pendingRows, value);
        }
        for (Object value : results) {
            BatchValues.set(pending.getVector(column++), pendingRows,
                    value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value);
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> comparator(List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey key : keys) {
                Object x = a[key.field()];
                Object y = b[key.field()];
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    return (x == null) == key.nullsFirst() ? -1 : 1;
                }
                int result = x instanceof byte[] bx ? Arrays.compareUnsigned(bx, (byte[]) y) : ((Comparable) x).compareTo(y);
                if (result != 0) {
                    return key.descending() ? -result : result;
                }
            }
            return 0;
        };
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        backend.close();
    }

    /** Creates OVER aggregate operators. */
    public static final class OverAggregateOperatorFactory implements OperatorFactory {
        private final OverAggregateSpec spec;
        private final RowType inputType;

        public OverAggregateOperatorFactory(OverAggregateSpec spec, RowType inputType) {
            this.spec = spec;
            this.inputType = inputType;
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            return new OverAggregateOperator(spec, inputType, context, output);
        }
    }
}
