package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.operator.RetractableAccumulators.Accumulator;
import io.weir.executor.operator.RetractableAccumulators.Factory;
import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.OverAggregateSpec;
import io.weir.executor.plan.OverAggregateSpec.Frame;
import io.weir.executor.plan.SortSpec.SortKey;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 */
public final class OverAggregateOperator implements Operator, CheckpointedOperator {
    private final OverAggregateSpec spec;
    private final RowType inputType;
    private final RowType outputType;
    private final RowType keyTypes;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private final Factory[] factories;
    private final Comparator<Object[]> order;
    private final Map<List<Object>, Partition> partitions = new HashMap<>();
    private long watermark = Long.MIN_VALUE;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private OverAggregateOperator(OverAggregateSpec spec, RowType inputType, TaskContext context, Output output) {
        this.spec = spec;
        this.inputType = inputType;
        this.outputType = context.outputType();
        this.keyTypes = KeyGroupCut.keyTypes(inputType, spec.partitionKeys());
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.lateRows = context.lateRowsDropped();
        this.factories = new Factory[spec.calls().size()];
        for (int i = 0; i < factories.length; i++) {
            factories[i] = RetractableAccumulators.factory(spec.calls().get(i), inputType);
        }
        this.order = comparator(spec.orderKeys());
    }

    /** One partition: rows not yet emitted, and the frame of the last emitted row. */
    private static final class Partition implements java.io.Serializable {
        final ArrayList<Object[]> waiting = new ArrayList<>();
        final ArrayDeque<Object[]> frame = new ArrayDeque<>();
        final Accumulator[] accumulators;

        Partition(Factory[] factories) {
            accumulators = new Accumulator[factories.length];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = factories[i].create();
            }
        }
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int columns = inputType.size();
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
                partitions.computeIfAbsent(key(values), k -> new Partition(factories)).waiting.add(values);
            }
        } finally {
            batch.close();
        }
    }

    @Override
    public boolean processWatermark(long newWatermark) {
        if (spec.timeColumn() < 0 || newWatermark <= watermark) {
            return true;
        }
        watermark = newWatermark;
        for (Partition partition : partitions.values()) {
            emitUpTo(partition, newWatermark);
        }
        flush();
        return true;
    }

    /** Every partition's waiting rows, frame and accumulators, and the watermark. */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return KeyGroupCut.withWatermark(KeyGroupCut.cut(partitions, keyTypes, allocator), watermark);
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
            partitions.putAll((Map<List<Object>, Partition>) OperatorState.deserialize(bytes));
        }
        for (byte[] bytes : operatorState) {
            Object stored = OperatorState.deserialize(bytes);
            if (stored instanceof Object[] old) {
                // a checkpoint taken before state was cut by key group
                partitions.putAll((Map<List<Object>, Partition>) old[0]);
                stored = old[1];
            }
            watermark = Math.max(watermark, (Long) stored);
        }
    }

    @Override
    public void finish() {
        for (Partition partition : partitions.values()) {
            emitUpTo(partition, Long.MAX_VALUE);
        }
        flush();
        output.finish();
    }

    /** Emits the partition's waiting rows whose time is at most {@code upTo} (all rows without a time column), in order. */
    private void emitUpTo(Partition partition, long upTo) {
        if (partition.waiting.isEmpty()) {
            return;
        }
        partition.waiting.sort(order);
        List<Object[]> ready = new ArrayList<>();
        Iterator<Object[]> rows = partition.waiting.iterator();
        while (rows.hasNext()) {
            Object[] row = rows.next();
            if (spec.timeColumn() >= 0 && (Long) row[spec.timeColumn()] > upTo) {
                break;
            }
            ready.add(row);
            rows.remove();
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
        partitions.clear();
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
